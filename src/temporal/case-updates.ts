import type { Client } from '@temporalio/client';
import { WorkflowUpdateStage } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { caseWorkflowId } from '../../workflows/contracts/case';
import { isTemporalUnreachable } from './temporal-errors';

/** The answer of an update within the API's wait, or `undefined`: accepted, result not there yet. */
export type UpdateAnswer<T> = { done: true; result: T } | { done: false };

/**
 * Sends an update to a case workflow in two steps, so that a command the workflow accepted is never
 * answered as a failure: first until the workflow accepts (or its validator refuses) it, then for its
 * result; if the result is not there by the deadline (slow projection, worker restarting) the caller
 * answers 202 and the client repeats the request with the same id, which the workflow answers from its
 * state without applying it twice. A validator's refusal means nothing was applied. A deadline passed
 * before acceptance (answered 503 TEMPORAL_UNAVAILABLE) does not: Temporal may still deliver the update
 * and the workflow apply it, which is why the client repeats with the same id rather than a new one.
 */
export async function sendCaseUpdate<T, A extends [unknown, ...unknown[]]>(
  client: Client,
  caseId: string,
  update: UpdateDefinition<T, A>,
  args: A,
  updateId: string,
  timeoutMs: number,
): Promise<UpdateAnswer<T>> {
  const deadline = Date.now() + timeoutMs;
  const handle = client.workflow.getHandle(caseWorkflowId(caseId));
  const accepted = await client.withDeadline(deadline, () => handle.startUpdate(update, { args, updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }));
  try {
    return { done: true, result: await client.withDeadline(deadline, () => accepted.result()) };
  } catch (error) {
    if (isTemporalUnreachable(error)) return { done: false };
    throw error;
  }
}
