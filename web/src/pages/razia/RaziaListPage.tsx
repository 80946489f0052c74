import { Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';

const PAGE = 20;

/**
 * The razia of your region scope (/kasus/razia, GET /razia), newest operation first: when, where, which
 * team, how many people and how many cases opened; each links to its razia page. No names: a razia keeps none.
 */
export function RaziaListPage() {
  const { t } = useTranslation('razia');
  const me = useMe().data;
  const records = can(me, 'razia.record');
  const [offset, setOffset] = useState(0);
  const query = { limit: PAGE, offset };
  const razia = useQuery({ queryKey: ['razia', 'list', query], queryFn: () => call(api.GET('/razia', { params: { query } })) });
  return (
    <Stack maw={1100}>
      <PageHeader title={t('list.title')} intro={t('list.intro')} />
      {records && (
        <Group>
          <Button component={Link} to="/kasus/razia/baru" variant="light">
            {t('nav.newRazia')}
          </Button>
        </Group>
      )}
      <Paper withBorder p="md">
        <ErrorAlert error={razia.error} />
        {razia.data !== undefined &&
          (razia.data.items.length === 0 ? (
            <Text>{t('list.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing="xs" data-testid="razia-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('new.occurredAt')}</Table.Th>
                    <Table.Th>{t('new.place')}</Table.Th>
                    <Table.Th>{t('new.team')}</Table.Th>
                    <Table.Th ta="right">{t('list.people')}</Table.Th>
                    <Table.Th ta="right">{t('list.opened')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {razia.data.items.map((r) => (
                    <Table.Tr key={r.id} data-testid="razia-list-row" data-razia={r.id}>
                      <Table.Td>
                        <DateTime value={r.occurredAt} regionCode={r.regionCode} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/kasus/razia/${r.id}`}>
                          {r.place}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.team}</Table.Td>
                      <Table.Td ta="right" data-testid="razia-people">
                        {r.people}
                      </Table.Td>
                      <Table.Td ta="right" data-testid="razia-opened">
                        {r.opened}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
        {razia.data !== undefined && razia.data.total > 0 && <Pager total={razia.data.total} limit={PAGE} offset={offset} onOffset={setOffset} />}
      </Paper>
    </Stack>
  );
}
