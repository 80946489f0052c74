import { Alert, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact } from '../../components/Fact';
import { formatRegion, formatVillage } from '../../lib/region';
import { RaziaRowsTable } from './RaziaRowsTable';

/** One razia (/kasus/razia/:id): the operation and, per position, its case and stage or its refusal. */
export function RaziaPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('razia');
  const razia = useQuery({ queryKey: ['razia', id], queryFn: () => call(api.GET('/razia/{id}', { params: { path: { id } } })) });
  if (razia.data === undefined) return razia.isError ? <ErrorAlert error={razia.error} /> : <Loader aria-label={t('common:state.loading')} />;
  const r = razia.data;
  return (
    <Stack maw={960}>
      <Title order={2}>
        {t('detail.title')} · {r.place}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Fact label={t('new.occurredAt')}>
          <DateTime value={r.occurredAt} regionCode={r.regionCode} />
        </Fact>
        <Fact label={t('new.place')}>{r.place}</Fact>
        <Fact label={t('new.villageCode')}>{formatVillage(r.villageCode)}</Fact>
        <Fact label={t('new.region')}>{formatRegion(r.regionCode)}</Fact>
        <Fact label={t('new.team')}>{r.team}</Fact>
        <Fact label={t('detail.recordedBy')}>
          {r.recordedBy.name} ({t(`common:role.${r.recordedBy.role}`)})
        </Fact>
        <Fact label={t('detail.recordedAt')}>
          <DateTime value={r.recordedAt} regionCode={r.regionCode} />
        </Fact>
      </SimpleGrid>
      <Alert color={r.refused > 0 ? 'yellow' : 'teal'}>
        <Text size="sm">{t('result.summary', { opened: r.opened, people: r.people, refused: r.refused })}</Text>
      </Alert>
      <RaziaRowsTable rows={r.rows} />
    </Stack>
  );
}
