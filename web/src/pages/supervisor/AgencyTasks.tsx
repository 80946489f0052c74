import { Badge, Button, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { Countdown } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { ReassignDialog } from './ReassignDialog';

type Task = Schemas['TaskResponse'];
const VIEWS = ['OPEN', 'CLAIMED', 'overdue'] as const;
const LIMIT = 20;

/** One agency's tasks in the supervisor's region (GET /tasks?agencyCode=), each reassignable while it is open. */
export function AgencyTasks({ agencyCode, agencies }: { agencyCode: string; agencies: Schemas['AgencyResponse'][] }) {
  const { t } = useTranslation('supervisor');
  const [view, setView] = useState<(typeof VIEWS)[number]>('OPEN');
  const [offset, setOffset] = useState(0);
  const [reassigning, setReassigning] = useState<Task | null>(null);
  const query = { agencyCode, limit: LIMIT, offset, ...(view === 'overdue' ? { overdue: true } : { status: view }) };
  const tasks = useQuery({ queryKey: ['tasks', query], queryFn: () => call(api.GET('/tasks', { params: { query } })), refetchInterval: 30_000 });
  const agency = t(`common:agency.${agencyCode}`, { defaultValue: agencyCode });
  return (
    <Stack gap="sm" data-testid="agency-tasks">
      <Title order={3} size="h4">
        {t('queues.tasksOf', { agency })}
      </Title>
      <SegmentedControl
        aria-label={t('queues.view.label')}
        w="fit-content"
        value={view}
        onChange={(value) => {
          setView(value as (typeof VIEWS)[number]);
          setOffset(0);
        }}
        data={VIEWS.map((v) => ({ value: v, label: t(`queues.view.${v}`) }))}
      />
      <ErrorAlert error={tasks.error} />
      {tasks.data?.items.length === 0 && <Text c="dimmed">{t('queues.empty')}</Text>}
      {tasks.data !== undefined && tasks.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('task.type')}</Table.Th>
                <Table.Th>{t('task.case')}</Table.Th>
                <Table.Th>{t('task.status')}</Table.Th>
                <Table.Th>{t('task.assignee')}</Table.Th>
                <Table.Th>{t('task.deadline')}</Table.Th>
                <Table.Th>{t('task.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.data.items.map((task) => (
                <Table.Tr key={task.id} data-testid="queue-task" data-task-id={task.id}>
                  <Table.Td>{t(`common:taskType.${task.type}`)}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {task.caseId}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" style={{ minWidth: 'max-content' }}>
                      {t(`common:taskStatus.${task.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-testid="queue-task-assignee">{task.assigneeName ?? t('task.unassigned')}</Table.Td>
                  <Table.Td>
                    <Countdown deadline={task.status === 'OPEN' ? (task.acceptBy ?? task.dueAt) : task.dueAt} overdue={task.overdue} regionCode={task.regionCode} />
                  </Table.Td>
                  <Table.Td>
                    {task.allowedActions.includes('reassignTask') && (
                      <Button size="xs" variant="light" onClick={() => setReassigning(task)}>
                        {t('task.reassign')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tasks.data !== undefined && tasks.data.total > LIMIT && <Pager total={tasks.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
      {reassigning !== null && <ReassignDialog key={reassigning.id} task={reassigning} agencies={agencies} opened onClose={() => setReassigning(null)} />}
    </Stack>
  );
}
