import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../../components/DateTime';
import { Pager } from '../../../components/Pager';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Schemas } from '../../../api/client';
import type { TimelineEntry } from './api';
import { COMMAND_PATHS, TIMELINE_PAGE } from './api';

const OUTCOME_COLOR: Record<TimelineEntry['outcome'], string> = { ACCEPTED: 'green', REJECTED: 'red', RECORDED: 'gray' };

/** A ledger action in words: a command by its button's label, anything else as an event. */
function useEventLabel() {
  const { t } = useTranslation('cases');
  return (action: string) => (action in COMMAND_PATHS ? t(`action.${action}.label`) : t(`event.${action}`, { defaultValue: action }));
}

/** The case's history, newest first: what happened, its outcome, who, in which stage, when. */
export function CaseHistory({ page, error, regionCode, offset, onOffset }: { page: Schemas['CaseTimelineResponse'] | undefined; error: unknown; regionCode: string; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation('cases');
  const label = useEventLabel();
  return (
    <Paper withBorder p="md" data-testid="case-history">
      <Title order={3} size="h4">
        {t('history.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('history.intro')}
      </Text>
      <ErrorAlert error={error} />
      {page !== undefined && page.items.length === 0 && <Text size="sm">{t('history.empty')}</Text>}
      {page !== undefined && page.items.length > 0 && (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('history.title')}>
            <Table striped fz="sm" miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('history.seq')}</Table.Th>
                  <Table.Th>{t('history.time')}</Table.Th>
                  <Table.Th>{t('history.event')}</Table.Th>
                  <Table.Th>{t('history.actor')}</Table.Th>
                  <Table.Th>{t('history.stage')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((e) => (
                  <Table.Tr key={e.seq} data-action={e.action} data-outcome={e.outcome}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td>
                      <DateTime value={e.occurredAt} regionCode={regionCode} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} component="span">
                        {label(e.action)}
                      </Text>{' '}
                      <Badge size="xs" variant="dot" color={OUTCOME_COLOR[e.outcome]} c="dark">
                        {t(`outcome.${e.outcome}`)}
                      </Badge>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {e.summary}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.actor.role === 'SYSTEM' ? t('history.system') : `${e.actor.name} · ${t(`common:role.${e.actor.role}`, { defaultValue: e.actor.role })}`}
                    </Table.Td>
                    <Table.Td>{e.stage === null ? '—' : t(`common:stage.${e.stage}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Pager total={page.total} limit={TIMELINE_PAGE} offset={offset} onOffset={onOffset} />
        </>
      )}
    </Paper>
  );
}
