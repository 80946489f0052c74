import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import { AgencyTasks } from './AgencyTasks';
import { PageHeader } from '../../components/PageHeader';

/** One agency's counts in the region (GET /agencies/:code/queue): its inbox, and whether tasks reach it at all. */
function AgencyQueueCard({ code, regionCode, selected, onShow }: { code: string; regionCode: string | undefined; selected: boolean; onShow: () => void }) {
  const { t } = useTranslation('supervisor');
  const queue = useQuery({ queryKey: ['agency-queue', code], queryFn: () => call(api.GET('/agencies/{code}/queue', { params: { path: { code } } })), refetchInterval: 30_000 });
  const agency = t(`common:agency.${code}`, { defaultValue: code });
  const q = queue.data;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={agency} data-testid="agency-queue" data-agency={code} bg={selected ? 'teal.0' : undefined}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {agency}
        </Title>
        <ErrorAlert error={queue.error} />
        {q !== undefined && (
          <>
            <Group gap="xs">
              <Badge variant="light" color="blue" data-testid="count-open">
                {t('queues.open')}: {q.inbox.open}
              </Badge>
              <Badge variant="light" color="teal" data-testid="count-claimed">
                {t('queues.claimed')}: {q.inbox.claimed}
              </Badge>
              <Badge variant={q.inbox.overdue > 0 ? 'filled' : 'light'} color="red" data-testid="count-overdue">
                {t('queues.overdue')}: {q.inbox.overdue}
              </Badge>
            </Group>
            {q.inbox.oldestOpenSince !== null && (
              <Text size="xs" c="dimmed">
                {t('queues.oldestOpen')}: <DateTime value={q.inbox.oldestOpenSince} regionCode={regionCode} />
              </Text>
            )}
            {q.waitingForWorker > 0 && (
              <Text size="xs">
                {t('queues.waitingForWorker')}: {q.waitingForWorker}
              </Text>
            )}
            {q.workersRecentlyPolling === 0 && (
              <Alert color="orange" p="xs">
                {t('queues.noWorker')}
              </Alert>
            )}
            {q.webhook.failing > 0 && (
              <Text size="xs" c="red.8">
                {t('queues.webhookFailing', { count: q.webhook.failing })}
              </Text>
            )}
          </>
        )}
        <Button size="xs" variant={selected ? 'filled' : 'light'} onClick={onShow} w="fit-content" aria-pressed={selected}>
          {t('queues.showTasks')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The supervisor's agencies (/pengawasan/antrean): each agency's counts, and one agency's tasks to reassign. */
export function QueuesPage() {
  const { t } = useTranslation('supervisor');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')) });
  const codes = [...new Set((agencies.data ?? []).filter((a) => a.active).map((a) => a.code))].sort();
  const selected = params.get('lembaga');
  return (
    <Stack>
      <div>
        <PageHeader title={t('queues.title')} intro={t('queues.intro', { region: formatRegion(me?.regionCode) })} />
      </div>
      <ErrorAlert error={agencies.error} />
      {agencies.data !== undefined && codes.length === 0 && <Text c="dimmed">{t('queues.noAgencies')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {codes.map((code) => (
          <AgencyQueueCard key={code} code={code} regionCode={me?.regionCode} selected={selected === code} onShow={() => setParams({ lembaga: code })} />
        ))}
      </SimpleGrid>
      {selected !== null && codes.includes(selected) && <AgencyTasks key={selected} agencyCode={selected} agencies={agencies.data ?? []} />}
    </Stack>
  );
}
