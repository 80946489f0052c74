import { ActivityFailure, ApplicationFailure, condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities, AgencyActivities } from '../../activities';
import type { TaskState } from '../contracts/task';
import { agencyTaskQueue, legacyAgencyTaskQueue } from '../contracts/task';
import type { CaseRun } from './case-run';
import { liveForDispatch, owesSend } from './dispatch-rules';
import { addEscalation } from './escalation-ladder';
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

/** What a failed delivery is recorded as: its failure type only (an agency's message may say anything). */
const failureType = (error: unknown): string =>
  error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? (error.cause.type ?? 'ApplicationFailure') : error instanceof Error ? error.name : 'unknown';

/**
 * Sends the case's agency tasks in the background (a command never waits for an agency's queue): each
 * task to its agency's queue, then to the agency's webhook. A failure retries cannot mend is recorded on
 * the task instead of failing the workflow task over and over. `fixed` (patch case-hardening-v1): queues
 * per region and agency, and a task the case moved past is never sent nor announced. A send already in
 * flight is not cancelled: a cancel racing its completion is refused by some servers (Temporal's test
 * server fails the workflow task); its task reaches the inbox as CANCELLED instead.
 */
export function startTaskDispatch(run: CaseRun, fixed: boolean): void {
  const dispatch = new TaskDispatch(run, fixed);
  // Each delivery catches its own failures, so only the workflow's cancellation ends the loop.
  void dispatch.loop().catch((error: unknown) => {
    if (!isCancellation(error)) throw error;
  });
}

class TaskDispatch {
  constructor(
    private readonly run: CaseRun,
    private readonly fixed: boolean,
  ) {}

  async loop(): Promise<void> {
    const { state } = this.run;
    for (;;) {
      await condition(() => state.tasks.some((t) => this.owed(t)));
      for (const t of state.tasks.filter((task) => this.owed(task))) void this.deliver(t);
    }
  }

  private owed(t: TaskState): boolean {
    return owesSend(t, { fixed: this.fixed, notifyWebhooks: this.run.state.notifyWebhooks === true, sending: this.run.sending });
  }

  private async deliver(task: TaskState): Promise<void> {
    const { sending } = this.run;
    sending.add(task.order.taskKey);
    try {
      await this.send(task);
    } catch (error) {
      if (isCancellation(error)) return; // the workflow itself is being cancelled
      // Retries are unlimited, so only a non-retryable failure lands here. Caught in every run: a
      // failed workflow task records no commands, so cases stuck on one recover with this code.
      // Not fatal if the projection fails too: the state keeps the record and the next projection writes it.
      await this.failed(task, error).catch(() => undefined);
    } finally {
      sending.delete(task.order.taskKey);
    }
  }

  private async send(task: TaskState): Promise<void> {
    const { state } = this.run;
    const { taskKey, agencyCode, regionCode } = task.order;
    if (task.receipt === null) {
      const queue = agencyQueue(this.fixed ? agencyTaskQueue(regionCode, agencyCode) : legacyAgencyTaskQueue(agencyCode));
      const receipt = await queue.dispatchAgencyTask(task.order);
      task.receipt = receipt;
      record(state, new Date().toISOString(), { action: 'taskDelivered', agencyCode, taskKey, summary: `${taskKey} in the ${agencyCode} inbox (${receipt.recordedBy})`, payload: { taskKey, ...receipt } });
      // The inbox row exists even when the agency's own worker, not Sinergi's, received the task.
      await this.run.writeTasks();
    }
    // A task the case moved past meanwhile is not announced (patched runs).
    if (state.notifyWebhooks === true && task.notified !== true && liveForDispatch(task, this.fixed)) {
      await notifyAgencyWebhook(task.order, task.receipt);
      task.notified = true;
    }
  }

  /** A failure retries could not mend: recorded on the task and the case, for the agency's supervisor. */
  private async failed(task: TaskState, error: unknown): Promise<void> {
    const { state } = this.run;
    const { taskKey, agencyCode } = task.order;
    const now = new Date().toISOString();
    const what = task.receipt === null ? 'taskDeliveryFailed' : 'webhookFailed';
    if (task.receipt === null) task.deliveryFailed = true;
    else task.notifyFailed = true;
    record(state, now, { action: what, agencyCode, taskKey, reason: failureType(error), summary: `${taskKey} ${what === 'taskDeliveryFailed' ? 'not delivered' : 'webhook not notified'}: ${failureType(error)}`, payload: { taskKey, failure: failureType(error) } });
    addEscalation(state, { stage: state.stage, taskKey, level: 0, notify: 'AGENCY_SUPERVISOR', at: now });
    state.version += 1;
    state.updatedAt = now;
    await this.run.project();
  }
}
