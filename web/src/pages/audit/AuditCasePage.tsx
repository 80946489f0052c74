import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { downloadFile } from '../../lib/download';
import { formatRegion } from '../../lib/region';
import { wallClockToIso, zoneOf } from '../../lib/time';
import { CaseStateView } from './CaseStateView';
import { ChainCheck } from './ChainCheck';
import { ActorText, OutcomeBadge } from './EventParts';
import { ExportButtons, exportQuery } from './ExportButtons';

const PAGE = 50;

/** One case for the auditor: its chain checked, its history as a timeline, the case at a chosen moment, exports. */
export function AuditCasePage() {
  const { t } = useTranslation('audit');
  const id = useParams().id ?? '';
  const me = useMe().data;
  const [offset, setOffset] = useState(0);
  const history = useQuery({ queryKey: ['audit', 'history', id, offset], queryFn: () => call(api.GET('/cases/{id}/history', { params: { path: { id }, query: { limit: PAGE, offset } } })) });
  // Times are shown in the case's own region (every event carries it); the auditor's until the first page arrives.
  const regionCode = history.data?.items[0]?.regionCode ?? me?.regionCode;
  return (
    <Stack>
      <Anchor component={Link} to="/auditor/jejak" size="sm">
        {t('case.back')}
      </Anchor>
      <Title order={2}>{t('case.title')}</Title>
      <Text size="sm" ff="monospace" data-testid="case-id">
        {id}
        {history.data?.items[0] !== undefined && ` · ${t('case.region', { region: formatRegion(regionCode), zone: zoneOf(regionCode).name })}`}
      </Text>
      <ErrorAlert error={history.error} />
      {history.error === null && (
        <>
          <ChainCheck caseId={id} />
          <ExportButtons hint={t('export.caseHint')} download={(format) => {
              const { query, fileName } = exportQuery(format);
              return downloadFile(api.GET('/cases/{id}/history/export', { params: { path: { id }, query }, parseAs: 'blob' }), fileName(`case-${id}-history`));
            }} />
          <StateAt caseId={id} regionCode={regionCode} />
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              {t('case.history')}
            </Title>
            {history.data === undefined ? <Text size="sm">{t('common:state.loading')}</Text> : <HistoryTimeline items={history.data.items} />}
            {history.data !== undefined && history.data.total > PAGE && <Pager total={history.data.total} limit={PAGE} offset={offset} onOffset={setOffset} />}
          </Paper>
        </>
      )}
    </Stack>
  );
}

function HistoryTimeline({ items }: { items: Schemas['LedgerRecordResponse'][] }) {
  const { t } = useTranslation('audit');
  if (items.length === 0) return <Text>{t('case.noEvents')}</Text>;
  return (
    <Timeline bulletSize={26} lineWidth={2} active={items.length} data-testid="history">
      {items.map((e) => (
        <Timeline.Item
          key={e.seq}
          bullet={<Text size="xs" fw={700}>{e.seq}</Text>}
          title={
            <Group gap="xs">
              <Text fw={600}>{t(`action.${e.action}`, { defaultValue: e.action })}</Text>
              <OutcomeBadge outcome={e.outcome} />
            </Group>
          }
          data-testid="history-event"
          data-seq={e.seq}
        >
          <Text size="sm" ff="monospace">
            {e.summary}
          </Text>
          {e.reason !== null && (
            <Text size="sm">
              {t('event.reason')}: {e.reason}
            </Text>
          )}
          <Group gap="lg" mt={4} align="flex-start">
            <div>
              <ActorText name={e.actor.name} role={e.actor.role} agencyCode={e.actor.agencyCode} />
            </div>
            <Text size="xs" c="dimmed">
              {t('event.seq', { seq: e.seq })} · <DateTime value={e.occurredAt} regionCode={e.regionCode} seconds />
              {e.taskKey !== null && ` · ${t('event.task', { task: e.taskKey })}`}
            </Text>
          </Group>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** The case as it stood at a moment typed in the region's wall clock (GET /cases/:id/state?at=). */
function StateAt({ caseId, regionCode }: { caseId: string; regionCode: string | null | undefined }) {
  const { t } = useTranslation('audit');
  const [moment, setMoment] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const state = useQuery({ queryKey: ['audit', 'state', caseId, at], queryFn: () => call(api.GET('/cases/{id}/state', { params: { path: { id: caseId }, query: { at: at ?? '' } } })), enabled: at !== null, retry: false });
  const notOpenedYet = state.error instanceof ApiError && state.error.code === 'CASE_NOT_FOUND';
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (moment !== '') setAt(wallClockToIso(moment, regionCode));
        }}
      >
        <Title order={3} size="h4">
          {t('stateAt.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('stateAt.intro')}
        </Text>
        <Group align="flex-end" gap="xs">
          <TextInput type="datetime-local" label={t('stateAt.moment', { zone: zoneOf(regionCode).name })} value={moment} onChange={(e) => setMoment(e.currentTarget.value)} step={1} required w={260} data-testid="state-at-input" />
          <Button type="submit" loading={state.isFetching}>
            {t('stateAt.show')}
          </Button>
        </Group>
      </form>
      {at !== null && (
        <Stack mt="sm" gap="xs">
          {notOpenedYet ? <Text>{t('stateAt.notOpened')}</Text> : <ErrorAlert error={state.error} />}
          {state.data !== undefined && (
            <>
              <Text size="sm">{t('stateAt.asOf')} <DateTime value={at} regionCode={regionCode} seconds /></Text>
              <CaseStateView state={state.data} />
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
