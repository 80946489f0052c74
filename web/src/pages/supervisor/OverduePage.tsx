import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { Countdown } from '../../components/Countdown';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { formatRegion } from '../../lib/region';
import { PageHeader } from '../../components/PageHeader';

const LIMIT = 20;

/** Cases of the region past their stage deadline (GET /cases?overdue=true), each linked to its case page. */
function OverdueCases() {
  const { t } = useTranslation('supervisor');
  const [offset, setOffset] = useState(0);
  const query = { overdue: true, limit: LIMIT, offset };
  const cases = useQuery({ queryKey: ['cases', query], queryFn: () => call(api.GET('/cases', { params: { query } })), refetchInterval: 60_000 });
  return (
    <section aria-labelledby="overdue-cases" data-testid="overdue-cases">
      <Title order={3} size="h4" id="overdue-cases" mb="xs">
        {t('overdue.casesTitle')} {cases.data !== undefined && <Text span c="dimmed" size="sm">({cases.data.total})</Text>}
      </Title>
      <ErrorAlert error={cases.error} />
      {cases.isPending && <Text c="dimmed">{t('common:state.loading')}</Text>}
      {cases.data?.items.length === 0 && <Text c="dimmed">{t('overdue.empty')}</Text>}
      {cases.data !== undefined && cases.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('overdue.case')}</Table.Th>
                <Table.Th>{t('overdue.stage')}</Table.Th>
                <Table.Th>{t('overdue.agency')}</Table.Th>
                <Table.Th>{t('overdue.deadline')}</Table.Th>
                <Table.Th>{t('overdue.escalation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.items.map((c) => {
                const last = c.escalations.at(-1);
                return (
                  <Table.Tr key={c.id} data-testid="overdue-case">
                    <Table.Td>
                      <Anchor component={Link} to={`/kasus/${c.id}`} aria-label={`${t('overdue.open')}: ${c.person.name}`}>
                        {c.person.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {c.id.slice(0, 8)} · {formatRegion(c.regionCode)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`common:stage.${c.stage}`)}</Table.Td>
                    <Table.Td>{c.responsibleAgency !== null ? t(`common:agency.${c.responsibleAgency}`, { defaultValue: c.responsibleAgency }) : '—'}</Table.Td>
                    <Table.Td>
                      <Countdown deadline={c.deadlineAt} overdue={c.overdue} regionCode={c.regionCode} />
                    </Table.Td>
                    <Table.Td>
                      {last === undefined ? (
                        t('overdue.noEscalation')
                      ) : (
                        <Text size="sm">
                          {t('overdue.level', { level: last.level, notify: t(`notify.${last.notify}`, { defaultValue: last.notify }) })} · <DateTime value={last.at} regionCode={c.regionCode} />
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cases.data !== undefined && cases.data.total > LIMIT && <Pager total={cases.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </section>
  );
}

/** Cases whose data the read model refused (GET /cases/attention): ids and codes only. */
function AttentionCases() {
  const { t } = useTranslation('supervisor');
  const [offset, setOffset] = useState(0);
  const query = { limit: LIMIT, offset };
  const attention = useQuery({ queryKey: ['cases-attention', query], queryFn: () => call(api.GET('/cases/attention', { params: { query } })), refetchInterval: 60_000 });
  return (
    <section aria-labelledby="attention-cases" data-testid="attention-cases">
      <Title order={3} size="h4" id="attention-cases">
        {t('attention.title')} {attention.data !== undefined && <Text span c="dimmed" size="sm">({attention.data.total})</Text>}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('attention.intro')}
      </Text>
      <ErrorAlert error={attention.error} />
      {attention.data?.items.length === 0 && <Text c="dimmed">{t('attention.empty')}</Text>}
      {attention.data !== undefined && attention.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('attention.case')}</Table.Th>
                <Table.Th>{t('attention.operation')}</Table.Th>
                <Table.Th>{t('attention.sqlstate')}</Table.Th>
                <Table.Th>{t('attention.since')}</Table.Th>
                <Table.Th>{t('attention.occurrences')}</Table.Th>
                <Table.Th>{t('attention.quarantined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attention.data.items.map((a) => (
                <Table.Tr key={a.caseId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/kasus/${a.caseId}`} ff="monospace" size="sm">
                      {a.caseId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{a.operation}</Table.Td>
                  <Table.Td ff="monospace">{a.sqlstate ?? '—'}</Table.Td>
                  <Table.Td>
                    <DateTime value={a.firstSeenAt} regionCode={a.regionCode} />
                  </Table.Td>
                  <Table.Td>{a.occurrences}</Table.Td>
                  <Table.Td>{a.quarantinedEntries}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {attention.data !== undefined && attention.data.total > LIMIT && <Pager total={attention.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </section>
  );
}

/** The supervisor's overdue view (/pengawasan/terlambat): late cases, then cases the read model could not take. */
export function OverduePage() {
  const { t } = useTranslation('supervisor');
  const me = useMe().data;
  return (
    <Stack gap="lg">
      <div>
        <PageHeader title={t('overdue.title')} intro={t('overdue.intro', { region: formatRegion(me?.regionCode) })} />
      </div>
      <OverdueCases />
      <AttentionCases />
    </Stack>
  );
}
