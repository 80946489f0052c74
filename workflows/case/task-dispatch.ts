import { ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities, AgencyActivities } from '../../activities';
import type { TaskState } from '../contracts/task';
import { agencyTaskQueue, legacyAgencyTaskQueue } from '../contracts/task';
import type { CaseRun } from './case-run';
import { record } from './journal';

/** Webhook deliveries retry until the receiver accepts, backing off to every 10 minutes. */
const { notifyAgencyWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * One activity proxy per agency queue. No schedule-to-start limit: when an agency's worker is down
 * its queue backs up and the task waits, while every other agency's work goes on.
 */
const queues: Record<string, AgencyActivities> = {};
function agencyQueue(taskQueue: string): AgencyActivities {
  queues[taskQueue] ??= proxyActivities<AgencyActivities>({
    taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  return queues[taskQueue];
}

const OPEN_STATES: readonly string[] = ['OPEN', 'CLAIMED'];
/** What a failed delivery is recorded as: its failure type only (an agency's message may say anything). */
const failureType = (error: unknown): string =>
  error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? (error.cause.type ?? 'ApplicationFailure') : error instanceof Error ? error.name : 'unknown';

/**
 * Sends the case's agency tasks in the background (a command never waits for an agency's queue): each
 * task to its agency's queue, then to the agency's webhook. A failure retries cannot mend is recorded on
 * the task instead of failing the workflow task over and over. `fixed` (patch case-hardening-v1): queues
 * per region and agency, and a task the case moved past is never sent (a send in flight is cancelled).
 */
export function startTaskDispatch(run: CaseRun, fixed: boolean): void {
  const { state, sending } = run;
  // Before the patch, a task the case moved past was still sent: older histories replay that way.
  const live = (t: TaskState) => !fixed || OPEN_STATES.includes(t.status);
  const undelivered = (t: TaskState) => t.receipt === null && t.deliveryFailed !== true && live(t);
  const unnotified = (t: TaskState) => state.notifyWebhooks === true && t.notified !== true && t.notifyFailed !== true && live(t);
  const owed = (t: TaskState) => !sending.has(t.order.taskKey) && (undelivered(t) || (t.deliveryFailed !== true && unnotified(t)));
  // A send in flight runs in a scope of its own, cancelled when the case moves past its task (patched runs).
  const inFlight = new Map<string, CancellationScope>();
  const movedPast = () => state.tasks.filter((t) => inFlight.has(t.order.taskKey) && !live(t));
  const cancellable = async <T>(task: TaskState, work: () => Promise<T>): Promise<T> => {
    // Not before the patch: running in a scope of its own orders commands differently on replay.
    if (!fixed) return work();
    const scope = new CancellationScope();
    inFlight.set(task.order.taskKey, scope);
    try {
      return await scope.run(work);
    } finally {
      inFlight.delete(task.order.taskKey);
    }
  };

  const send = async (task: TaskState): Promise<void> => {
    const { taskKey, agencyCode, regionCode } = task.order;
    if (task.receipt === null) {
      const queue = agencyQueue(fixed ? agencyTaskQueue(regionCode, agencyCode) : legacyAgencyTaskQueue(agencyCode));
      const receipt = await cancellable(task, () => queue.dispatchAgencyTask(task.order));
      task.receipt = receipt;
      record(state, new Date().toISOString(), { action: 'taskDelivered', agencyCode, taskKey, summary: `${taskKey} in the ${agencyCode} inbox (${receipt.recordedBy})`, payload: { taskKey, ...receipt } });
      // The inbox row exists even when the agency's own worker, not Sinergi's, received the task.
      await run.writeTasks();
    }
    if (state.notifyWebhooks === true && task.notified !== true) {
      const receipt = task.receipt;
      await cancellable(task, () => notifyAgencyWebhook(task.order, receipt));
      task.notified = true;
    }
  };

  /** A failure retries could not mend: recorded on the task and the case, for the agency's supervisor. */
  const failed = async (task: TaskState, error: unknown): Promise<void> => {
    const { taskKey, agencyCode } = task.order;
    const now = new Date().toISOString();
    const what = task.receipt === null ? 'taskDeliveryFailed' : 'webhookFailed';
    if (task.receipt === null) task.deliveryFailed = true;
    else task.notifyFailed = true;
    record(state, now, { action: what, agencyCode, taskKey, reason: failureType(error), summary: `${taskKey} ${what === 'taskDeliveryFailed' ? 'not delivered' : 'webhook not notified'}: ${failureType(error)}`, payload: { taskKey, failure: failureType(error) } });
    state.escalations = [...state.escalations, { stage: state.stage, taskKey, level: 0, notify: 'AGENCY_SUPERVISOR' as const, at: now }].slice(-50);
    state.version += 1;
    state.updatedAt = now;
    await run.project();
  };

  const deliver = async (task: TaskState): Promise<void> => {
    sending.add(task.order.taskKey);
    try {
      await send(task);
    } catch (error) {
      // Sending stopped because the case moved past the task: nothing to deliver any more.
      if (isCancellation(error) && !live(task)) return;
      // Retries are unlimited, so only a non-retryable failure lands here. Caught in every run: a
      // failed workflow task records no commands, so cases stuck on one recover with this code.
      await failed(task, error);
    } finally {
      sending.delete(task.order.taskKey);
    }
  };

  const loop = async (): Promise<void> => {
    for (;;) {
      await condition(() => state.tasks.some(owed) || movedPast().length > 0);
      for (const t of movedPast()) {
        inFlight.get(t.order.taskKey)?.cancel();
        inFlight.delete(t.order.taskKey);
      }
      for (const t of state.tasks.filter(owed)) void deliver(t);
    }
  };
  void loop();
}
