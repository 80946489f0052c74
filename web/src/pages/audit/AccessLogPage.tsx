import { Anchor, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { ActorText } from './EventParts';
import { ActorSelect, FilterForm, queryOf, TimeRangeInputs, useFilterParams } from './filters';
import { shortId } from './labels';
import { PageHeader } from '../../components/PageHeader';

const KEYS = ['caseId', 'actor', 'from', 'to'] as const;
const PAGE = 25;

/** Who read whose personal data, when, through which route (GET /audit/access-log), newest first. */
export function AccessLogPage() {
  const { t } = useTranslation('audit');
  const me = useMe().data;
  const filters = useFilterParams(KEYS);
  const query = queryOf(filters.applied, me?.regionCode);
  const log = useQuery({
    queryKey: ['audit', 'access-log', query, filters.offset],
    queryFn: () => call(api.GET('/audit/access-log', { params: { query: { ...query, limit: PAGE, offset: filters.offset } } })),
    enabled: me !== undefined,
  });
  return (
    <Stack>
      <PageHeader title={t('access.title')} intro={t('access.intro')} />
      <Paper withBorder p="md">
        <FilterForm key={filters.version} initial={filters.applied} onApply={filters.apply}>
          {(draft, set) => (
            <>
              <TextInput label={t('filter.caseId')} value={draft.caseId} onChange={(e) => set('caseId', e.currentTarget.value)} w={320} />
              <ActorSelect value={draft.actor} onChange={(v) => set('actor', v)} extra={[]} />
              <TimeRangeInputs from={draft.from} to={draft.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
            </>
          )}
        </FilterForm>
      </Paper>
      <ErrorAlert error={log.error} />
      {log.data !== undefined &&
        (log.data.items.length === 0 ? (
          <Text>{t('access.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="xs" data-testid="access-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field.accessedAt')}</Table.Th>
                  <Table.Th>{t('field.reader')}</Table.Th>
                  <Table.Th>{t('field.case')}</Table.Th>
                  <Table.Th>{t('field.route')}</Table.Th>
                  <Table.Th>{t('field.requestId')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <DateTime value={a.accessedAt} regionCode={me?.regionCode} seconds />
                    </Table.Td>
                    <Table.Td>
                      <ActorText name={a.actorName} role={a.actorRole} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/auditor/kasus/${a.caseId}`} title={a.caseId} ff="monospace">
                        {shortId(a.caseId)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {a.route}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {a.requestId ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      {log.data !== undefined && log.data.total > 0 && <Pager total={log.data.total} limit={PAGE} offset={filters.offset} onOffset={filters.setOffset} capped={log.data.totalCapped} />}
    </Stack>
  );
}
