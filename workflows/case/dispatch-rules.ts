import type { TaskState } from '../contracts/task';
import { isOpenTask } from '../contracts/task';

/** What the dispatcher knows besides the task: the patch in force, the case's webhook choice, sends under way. */
export interface DispatchContext {
  /** Patch case-hardening-v1 in force: a task the case moved past is never sent nor announced. */
  fixed: boolean;
  notifyWebhooks: boolean;
  sending: ReadonlySet<string>;
}

/** Whether the task may still go out: always before the patch (older histories replay that way), else only while open. */
export const liveForDispatch = (task: TaskState, fixed: boolean): boolean => !fixed || isOpenTask(task);

/**
 * Whether the dispatcher still owes the task a send: to its agency's queue (no receipt yet) or to the
 * agency's webhook. Never twice at once, never after a failure retries could not mend.
 */
export function owesSend(task: TaskState, ctx: DispatchContext): boolean {
  if (ctx.sending.has(task.order.taskKey) || task.deliveryFailed === true || !liveForDispatch(task, ctx.fixed)) return false;
  const undelivered = task.receipt === null;
  const unnotified = ctx.notifyWebhooks && task.notified !== true && task.notifyFailed !== true;
  return undelivered || unnotified;
}
