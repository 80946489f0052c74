import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIdempotencyKey } from '../../lib/idempotency';

type Task = Schemas['TaskResponse'];
type Agency = Schemas['AgencyResponse'];

/** Active officers of the task's own agency and region (the API accepts no one else), the current assignee left out. */
function useOfficers(task: Task, agencies: Agency[]) {
  const agency = agencies.find((a) => a.code === task.agencyCode && a.regionCode === task.regionCode);
  const query = { role: 'AGENCY_OFFICER', status: 'ACTIVE', limit: 100 } as const;
  const users = useQuery({ queryKey: ['users', query], queryFn: () => call(api.GET('/users', { params: { query } })) });
  const officers = (users.data?.items ?? []).filter((u) => agency !== undefined && u.agencyId === agency.id && u.username !== task.assigneeName);
  return { officers, error: users.error, loading: users.isPending };
}

/**
 * A supervisor hands a task to another officer of the same agency (POST /tasks/:id/reassign), with its
 * own Idempotency-Key kept until the API answered with the task. The choice stays after an error.
 */
export function ReassignDialog({ task, agencies, opened, onClose }: { task: Task; agencies: Agency[]; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('supervisor');
  const phone = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [assignee, setAssignee] = useState<string | null>(null);
  const { officers, error, loading } = useOfficers(task, agencies);
  const reassign = useMutation({
    mutationFn: (assigneeUserId: string) => call(api.POST('/tasks/{id}/reassign', { params: { path: { id: task.id }, header: { 'Idempotency-Key': idempotency.key({ assigneeUserId }) } }, body: { assigneeUserId } })),
    onSuccess: async (answer) => {
      if (answer.status !== 'ACCEPTED') idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['agency-queue'] });
      onClose();
    },
  });
  const typeLabel = t(`common:taskType.${task.type}`);
  const agencyLabel = t(`common:agency.${task.agencyCode}`, { defaultValue: task.agencyCode });
  return (
    <Modal opened={opened} onClose={onClose} title={t('reassign.title', { type: typeLabel })} fullScreen={phone === true} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (assignee !== null) reassign.mutate(assignee);
        }}
        data-testid="reassign-form"
      >
        <Stack>
          <Text size="sm">{t('reassign.intro', { agency: agencyLabel })}</Text>
          <ErrorAlert error={error ?? reassign.error} />
          {!loading && officers.length === 0 ? (
            <Text c="dimmed">{t('reassign.noOfficers')}</Text>
          ) : (
            <Select
              label={t('reassign.officer')}
              data={officers.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
              value={assignee}
              onChange={setAssignee}
              required
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={reassign.isPending} disabled={assignee === null}>
              {t('reassign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
