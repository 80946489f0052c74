import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useIdempotencyKey } from '../../lib/idempotency';
import type { Outcome } from './outcome-forms';

export type TaskActionBody = { action: 'claim' } | { action: 'complete'; outcome: Outcome } | { action: 'reject'; reason: string };

/**
 * One of claim / complete / reject on a task. The task routes take an Idempotency-Key: each action of
 * a card keeps its key until the API answered it with the task (a retry after an error or a 202 is the
 * same request, applied once), then takes a fresh one.
 */
export function useTaskAction(taskId: string, action: TaskActionBody['action']) {
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: TaskActionBody) => {
      const params = { path: { id: taskId }, header: { 'Idempotency-Key': idempotency.key(body) } };
      if (body.action === 'complete') return call(api.POST('/tasks/{id}/complete', { params, body: { outcome: body.outcome } }));
      if (body.action === 'reject') return call(api.POST('/tasks/{id}/reject', { params, body: { reason: body.reason } }));
      return call(api.POST('/tasks/{id}/claim', { params }));
    },
    mutationKey: ['task', taskId, action],
    onSuccess: async (answer) => {
      if (answer.status !== 'ACCEPTED') idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
