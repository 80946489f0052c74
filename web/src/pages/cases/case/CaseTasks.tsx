import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../../components/DateTime';
import type { CaseTask } from './api';

const STATUS_COLOR: Record<CaseTask['status'], string> = { OPEN: 'blue', CLAIMED: 'teal', COMPLETED: 'green', REJECTED: 'orange', CANCELLED: 'gray' };

/** The case's agency tasks and their state (the API leaves out their outcomes). */
export function CaseTasks({ tasks, regionCode }: { tasks: CaseTask[] | undefined; regionCode: string }) {
  const { t } = useTranslation('cases');
  return (
    <Paper withBorder p="md" data-testid="case-tasks">
      <Title order={3} size="h4" mb="xs">
        {t('tasks.title')}
      </Title>
      {tasks !== undefined && tasks.length === 0 && <Text size="sm">{t('tasks.empty')}</Text>}
      {tasks !== undefined && tasks.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('tasks.title')}>
          <Table striped fz="sm" miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tasks.type')}</Table.Th>
                <Table.Th>{t('tasks.agency')}</Table.Th>
                <Table.Th>{t('tasks.status')}</Table.Th>
                <Table.Th>{t('tasks.due')}</Table.Th>
                <Table.Th>{t('tasks.claimedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((task) => (
                <Table.Tr key={task.id} data-task-type={task.type} data-task-status={task.status}>
                  <Table.Td>{t(`common:taskType.${task.type}`)}</Table.Td>
                  <Table.Td>{t(`common:agency.${task.agencyCode}`, { defaultValue: task.agencyCode })}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge variant="dot" color={STATUS_COLOR[task.status]} c="dark">
                      {t(`common:taskStatus.${task.status}`)}
                    </Badge>
                    {task.overdue && (
                      <Badge variant="filled" color="red" ml={4}>
                        {t('tasks.overdue')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={task.dueAt} regionCode={regionCode} />
                  </Table.Td>
                  <Table.Td>{task.assigneeName ?? t('tasks.unclaimed')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
