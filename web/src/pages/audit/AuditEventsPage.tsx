import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { downloadFile } from '../../lib/download';
import { formatRegion } from '../../lib/region';
import { ExportButtons, exportQuery } from './ExportButtons';
import { ActorSelect, FilterForm, queryOf, TimeRangeInputs, useFilterParams } from './filters';
import { ActorText, OutcomeBadge } from './EventParts';
import { LEDGER_ACTIONS, LEDGER_OUTCOMES, shortId } from './labels';
import { PageHeader } from '../../components/PageHeader';

const KEYS = ['caseId', 'action', 'outcome', 'actor', 'agency', 'region', 'from', 'to'] as const;
const PAGE = 25;
type Outcome = Schemas['LedgerRecordResponse']['outcome'];

/** Opens a case's history by its id (auditors find ids in the events, the access log or a report). */
function OpenCaseById() {
  const { t } = useTranslation('audit');
  const navigate = useNavigate();
  const [id, setId] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim() !== '') void navigate(`/auditor/kasus/${encodeURIComponent(id.trim())}`);
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput label={t('openCase.label')} description={t('openCase.hint')} value={id} onChange={(e) => setId(e.currentTarget.value)} w={360} data-testid="open-case-id" />
        <Button type="submit" variant="default">
          {t('common:actions.open')}
        </Button>
      </Group>
    </form>
  );
}

/** Events across the cases of the auditor's scope: every filter of GET /audit/events, paging, exports. */
export function AuditEventsPage() {
  const { t } = useTranslation('audit');
  const me = useMe().data;
  const filters = useFilterParams(KEYS);
  const { outcome, ...rest } = queryOf(filters.applied, me?.regionCode);
  const query = { ...rest, ...(outcome !== undefined ? { outcome: outcome as Outcome } : {}), region: rest.region?.replace('.', '') };
  const events = useQuery({
    queryKey: ['audit', 'events', query, filters.offset],
    queryFn: () => call(api.GET('/audit/events', { params: { query: { ...query, limit: PAGE, offset: filters.offset } } })),
    enabled: me !== undefined,
  });
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')) });
  const agencyCodes = [...new Set((agencies.data ?? []).map((a) => a.code))].map((code) => ({ value: code, label: t(`common:agency.${code}`, { defaultValue: code }) }));

  return (
    <Stack>
      <PageHeader title={t('events.title')} intro={t('events.intro')} />
      <Paper withBorder p="md">
        <OpenCaseById />
      </Paper>
      <Paper withBorder p="md">
        <FilterForm key={filters.version} initial={filters.applied} onApply={filters.apply}>
          {(draft, set) => (
            <>
              <TextInput label={t('filter.caseId')} value={draft.caseId} onChange={(e) => set('caseId', e.currentTarget.value)} w={320} />
              <Select label={t('filter.action')} data={LEDGER_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))} value={draft.action || null} onChange={(v) => set('action', v ?? '')} searchable clearable w={240} />
              <Select label={t('filter.outcome')} data={LEDGER_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} value={draft.outcome || null} onChange={(v) => set('outcome', v ?? '')} clearable w={160} />
              <ActorSelect value={draft.actor} onChange={(v) => set('actor', v)} extra={['system']} />
              <Select label={t('filter.agency')} data={agencyCodes} value={draft.agency || null} onChange={(v) => set('agency', v ?? '')} searchable clearable w={200} />
              <TextInput label={t('filter.region')} placeholder="35.14" value={draft.region} onChange={(e) => set('region', e.currentTarget.value)} w={110} />
              <TimeRangeInputs from={draft.from} to={draft.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
            </>
          )}
        </FilterForm>
      </Paper>
      <ExportButtons hint={t('export.eventsHint')} download={(format) => {
          const { query: asked, fileName } = exportQuery(format);
          return downloadFile(api.GET('/audit/events/export', { params: { query: { ...query, ...asked } }, parseAs: 'blob' }), fileName('audit-events'));
        }} />
      <ErrorAlert error={events.error} />
      {events.data !== undefined && <EventsTable items={events.data.items} />}
      {events.data !== undefined && events.data.total > 0 && <Pager total={events.data.total} limit={PAGE} offset={filters.offset} onOffset={filters.setOffset} capped={events.data.totalCapped} />}
    </Stack>
  );
}

function EventsTable({ items }: { items: Schemas['LedgerRecordResponse'][] }) {
  const { t } = useTranslation('audit');
  if (items.length === 0) return <Text>{t('events.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="audit-events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.occurredAt')}</Table.Th>
            <Table.Th>{t('field.case')}</Table.Th>
            <Table.Th>{t('field.action')}</Table.Th>
            <Table.Th>{t('field.outcome')}</Table.Th>
            <Table.Th>{t('field.actor')}</Table.Th>
            <Table.Th>{t('field.agency')}</Table.Th>
            <Table.Th>{t('field.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={`${e.caseId}-${e.seq}`}>
              <Table.Td>
                <DateTime value={e.occurredAt} regionCode={e.regionCode} seconds />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/auditor/kasus/${e.caseId}`} title={e.caseId} ff="monospace">
                  {shortId(e.caseId)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('event.seqRegion', { seq: e.seq, region: formatRegion(e.regionCode) })}
                </Text>
              </Table.Td>
              <Table.Td>{t(`action.${e.action}`, { defaultValue: e.action })}</Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={e.outcome} />
              </Table.Td>
              <Table.Td>
                <ActorText name={e.actor.name} role={e.actor.role} agencyCode={e.actor.agencyCode} />
              </Table.Td>
              <Table.Td>{e.agencyCode !== null ? t(`common:agency.${e.agencyCode}`, { defaultValue: e.agencyCode }) : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.summary}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
