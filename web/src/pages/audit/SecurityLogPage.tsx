import { Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { formatRegion } from '../../lib/region';
import { formatDateTime } from '../../lib/time';
import { ActorText, OutcomeBadge } from './EventParts';
import { ActorSelect, FilterForm, queryOf, TimeRangeInputs, useFilterParams } from './filters';
import type { SecurityOutcome, SecurityTargetKind } from './labels';
import { SECURITY_ACTIONS, SECURITY_OUTCOMES, SECURITY_TARGET_KINDS, shortId } from './labels';
import { PageHeader } from '../../components/PageHeader';

const KEYS = ['action', 'outcome', 'actor', 'targetKind', 'target', 'from', 'to'] as const;
const PAGE = 25;

/** Account, agency and API-key management and scope refusals (GET /audit/security-events), newest first. */
export function SecurityLogPage() {
  const { t } = useTranslation('audit');
  const me = useMe().data;
  const filters = useFilterParams(KEYS);
  const { outcome, targetKind, ...rest } = queryOf(filters.applied, me?.regionCode);
  const query = { ...rest, outcome: outcome as SecurityOutcome | undefined, targetKind: targetKind as SecurityTargetKind | undefined };
  const log = useQuery({
    queryKey: ['audit', 'security', query, filters.offset],
    queryFn: () => call(api.GET('/audit/security-events', { params: { query: { ...query, limit: PAGE, offset: filters.offset } } })),
    enabled: me !== undefined,
  });
  return (
    <Stack>
      <PageHeader title={t('security.title')} intro={t('security.intro')} />
      <Paper withBorder p="md">
        <FilterForm key={filters.version} initial={filters.applied} onApply={filters.apply}>
          {(draft, set) => (
            <>
              <Select label={t('filter.action')} data={SECURITY_ACTIONS.map((a) => ({ value: a, label: t(`securityAction.${a}`) }))} value={draft.action || null} onChange={(v) => set('action', v ?? '')} searchable clearable w={240} />
              <Select label={t('filter.outcome')} data={SECURITY_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} value={draft.outcome || null} onChange={(v) => set('outcome', v ?? '')} clearable w={160} />
              <ActorSelect value={draft.actor} onChange={(v) => set('actor', v)} extra={['cli']} />
              <Select label={t('filter.targetKind')} data={SECURITY_TARGET_KINDS.map((k) => ({ value: k, label: t(`targetKind.${k}`) }))} value={draft.targetKind || null} onChange={(v) => set('targetKind', v ?? '')} clearable w={170} />
              <TextInput label={t('filter.target')} value={draft.target} onChange={(e) => set('target', e.currentTarget.value)} w={300} />
              <TimeRangeInputs from={draft.from} to={draft.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
            </>
          )}
        </FilterForm>
      </Paper>
      <ErrorAlert error={log.error} />
      {log.data !== undefined && (log.data.items.length === 0 ? <Text>{t('security.none')}</Text> : <SecurityTable items={log.data.items} regionCode={me?.regionCode} />)}
      {log.data !== undefined && log.data.total > 0 && <Pager total={log.data.total} limit={PAGE} offset={filters.offset} onOffset={filters.setOffset} />}
    </Stack>
  );
}

/** The enumerated facts of an event (never a name or a secret), in words. */
function detailText(detail: Record<string, unknown>, t: (key: string, options?: Record<string, unknown>) => string, when: (iso: string) => string): string {
  const parts: string[] = [];
  if (typeof detail.role === 'string') parts.push(t('detail.role', { role: t(`common:role.${detail.role}`, { defaultValue: detail.role }) }));
  if (typeof detail.status === 'string') parts.push(t('detail.status', { status: t(`admin:status.${detail.status}`, { defaultValue: detail.status }) }));
  if (Array.isArray(detail.fields)) parts.push(t('detail.fields', { fields: detail.fields.join(', ') }));
  if (typeof detail.agencyCode === 'string') parts.push(t('detail.agency', { agency: detail.agencyCode }));
  if (typeof detail.route === 'string') parts.push(t('detail.route', { route: detail.route }));
  if (typeof detail.code === 'string') parts.push(t('detail.code', { code: detail.code }));
  if (typeof detail.setupCodeExpiresAt === 'string') parts.push(t('detail.expires', { at: when(detail.setupCodeExpiresAt) }));
  return parts.join(' · ');
}

function SecurityTable({ items, regionCode }: { items: Schemas['SecurityEventResponse'][]; regionCode: string | undefined }) {
  const { t, i18n } = useTranslation('audit');
  const when = (iso: string) => formatDateTime(iso, regionCode, i18n.language);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="security-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.occurredAt')}</Table.Th>
            <Table.Th>{t('field.action')}</Table.Th>
            <Table.Th>{t('field.outcome')}</Table.Th>
            <Table.Th>{t('field.actor')}</Table.Th>
            <Table.Th>{t('field.target')}</Table.Th>
            <Table.Th>{t('field.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <DateTime value={e.occurredAt} regionCode={regionCode} seconds />
              </Table.Td>
              <Table.Td>{t(`securityAction.${e.action}`, { defaultValue: e.action })}</Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={e.outcome} />
              </Table.Td>
              <Table.Td>{e.actor !== null ? <ActorText name={e.actor.name} role={e.actor.role} agencyCode={e.actor.agencyCode} /> : t('actor.anonymous')}</Table.Td>
              <Table.Td>
                {e.target !== null ? (
                  <Text size="sm">
                    {t(`targetKind.${e.target.kind}`)}{' '}
                    <Text span ff="monospace" size="xs" title={e.target.id ?? undefined}>
                      {e.target.id !== null ? shortId(e.target.id) : '—'}
                    </Text>
                    {e.target.regionCode !== null && ` · ${formatRegion(e.target.regionCode)}`}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{detailText(e.detail as Record<string, unknown>, t, when)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
