import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { formatRegion } from '../../lib/region';
import { TaskCard } from './TaskCard';

type Status = Schemas['TaskResponse']['status'];
const STATUSES: Status[] = ['OPEN', 'CLAIMED', 'COMPLETED', 'REJECTED', 'CANCELLED'];
const VIEWS = ['active', 'overdue', 'all'] as const;
type View = (typeof VIEWS)[number];
const LIMIT = 20;
/** Tasks arrive asynchronously (the case workflow delivers them); the inbox looks again every 30 s. */
const POLL_MS = 30_000;

interface Filter {
  status?: Status;
  overdue?: boolean;
  caseId?: string;
}

/** One list of the inbox: a heading, its cards, paging; the filter is the API's own. */
function TaskList({ section, filter }: { section: 'claimed' | 'open' | 'overdue' | 'all'; filter: Filter }) {
  const { t } = useTranslation('tasks');
  const [offset, setOffset] = useState(0);
  const query = { ...filter, limit: LIMIT, offset };
  const tasks = useQuery({ queryKey: ['tasks', query], queryFn: () => call(api.GET('/tasks', { params: { query } })), refetchInterval: POLL_MS });
  const headingId = `tasks-${section}`;
  return (
    <section aria-labelledby={headingId} data-testid={`task-list-${section}`}>
      <Title order={3} size="h4" id={headingId} mb="xs">
        {t(`section.${section}`)} {tasks.data !== undefined && <Text span c="dimmed" size="sm">({tasks.data.total})</Text>}
      </Title>
      <ErrorAlert error={tasks.error} />
      {tasks.isPending && <Text c="dimmed">{t('common:state.loading')}</Text>}
      {tasks.data?.items.length === 0 && <Text c="dimmed">{t(`empty.${section}`)}</Text>}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        {tasks.data?.items.map((task) => <TaskCard key={task.id} task={task} />)}
      </SimpleGrid>
      {tasks.data !== undefined && tasks.data.total > LIMIT && <Pager total={tasks.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </section>
  );
}

const isView = (value: string | null): value is View => (VIEWS as readonly (string | null)[]).includes(value);
const isStatus = (value: string | null): value is Status => (STATUSES as (string | null)[]).includes(value);

/**
 * The agency officer's inbox (/tugas): what waits to be claimed, what is in hand, what is overdue,
 * or everything by status; optionally one case's tasks. The view and filters live in the address.
 */
export function InboxPage() {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const view: View = isView(params.get('tampilan')) ? (params.get('tampilan') as View) : 'active';
  const status = params.get('status');
  const caseId = params.get('kasus') ?? '';
  const [caseInput, setCaseInput] = useState(caseId);
  const set = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') p.delete(key);
        else p.set(key, value);
      }
      return p;
    });
  const byCase: Filter = caseId === '' ? {} : { caseId };

  return (
    <Stack>
      <div>
        <Title order={2}>
          {t('title')}
        </Title>
        {me !== undefined && (
          <Text size="sm" c="dimmed">
            {t('intro', { agency: me.agencyCode !== null ? t(`common:agency.${me.agencyCode}`, { defaultValue: me.agencyCode }) : '—', region: formatRegion(me.regionCode) })}
          </Text>
        )}
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="inbox-view-label">
            {t('view.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="inbox-view-label"
            value={view}
            onChange={(value) => set({ tampilan: value === 'active' ? null : value, status: null })}
            data={VIEWS.map((v) => ({ value: v, label: t(`view.${v}`) }))}
            data-testid="inbox-view"
          />
        </Stack>
        {view === 'all' && (
          <Select
            label={t('filter.status')}
            data={[{ value: '', label: t('filter.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: t(`common:taskStatus.${s}`) }))]}
            value={status ?? ''}
            onChange={(value) => set({ status: value })}
            allowDeselect={false}
            w={200}
          />
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set({ kasus: caseInput.trim() });
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput label={t('filter.caseId')} description={t('filter.caseIdHint')} value={caseInput} onChange={(e) => setCaseInput(e.currentTarget.value)} w={{ base: '100%', xs: 320 }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            <Button type="submit" variant="default">
              {t('common:actions.search')}
            </Button>
          </Group>
        </form>
        {(caseId !== '' || status !== null) && (
          <Button
            variant="subtle"
            onClick={() => {
              setCaseInput('');
              set({ kasus: null, status: null });
            }}
          >
            {t('filter.clear')}
          </Button>
        )}
      </Group>
      {view === 'active' && (
        <>
          <TaskList key={`claimed-${caseId}`} section="claimed" filter={{ ...byCase, status: 'CLAIMED' }} />
          <TaskList key={`open-${caseId}`} section="open" filter={{ ...byCase, status: 'OPEN' }} />
        </>
      )}
      {view === 'overdue' && <TaskList key={`overdue-${caseId}`} section="overdue" filter={{ ...byCase, overdue: true }} />}
      {view === 'all' && <TaskList key={`all-${caseId}-${status ?? ''}`} section="all" filter={{ ...byCase, ...(isStatus(status) ? { status } : {}) }} />}
    </Stack>
  );
}
