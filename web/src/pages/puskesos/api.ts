import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useIdempotencyKey } from '../../lib/idempotency';

export type IntakePoint = Schemas['IntakePointDto'];

/** Where the signed-in person takes complaints in: a Puskesos officer's village, null for staff (GET /puskesos/intake-point). */
export function useIntakePoint(enabled: boolean) {
  return useQuery({ queryKey: ['puskesos', 'intake-point'], queryFn: () => call(api.GET('/puskesos/intake-point')), enabled, staleTime: 5 * 60_000 });
}

/** Refers a Puskesos intake task's complaint to the regency, with its reason (one Idempotency-Key per attempt, kept across retries). */
export function useReferToRegency(taskId: string) {
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (reason: string) =>
      call(api.POST('/tasks/{id}/refer-to-regency', { params: { path: { id: taskId }, header: { 'Idempotency-Key': idempotency.key({ reason }) } }, body: { reason } })),
    mutationKey: ['task', taskId, 'referToRegency'],
    onSuccess: async (answer) => {
      if (answer.status !== 'ACCEPTED') idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
