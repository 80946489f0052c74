import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseSnapshot, CommandRequest } from '../contracts/case';
import type { TaskAction, TaskRequest } from '../contracts/task';
import type { CaseAction } from '../contracts/commands';
import type { RepeatRequest } from '../contracts/repeat';
import { CASE_ACTIONS } from '../contracts/commands';

/**
 * Completes once the opened case is visible in the PostgreSQL read model, so the API can answer
 * `POST /cases` with a case that `GET /cases/:id` already returns (read-your-writes).
 */
export const confirmOpenedUpdate = defineUpdate<CaseSnapshot>('confirmOpened');

/** Live state of the case, answered by a worker; for debugging, never for the audit path. */
export const getCaseQuery = defineQuery<CaseSnapshot>('getCase');

/**
 * One update per case action, named after it (so the history reads as the case's story). Each is
 * validated by the stage machine and returns the new state once it is in the read model.
 */
export const caseCommandUpdates = Object.fromEntries(
  CASE_ACTIONS.map((action) => [action, defineUpdate<CaseSnapshot, [CommandRequest]>(action)]),
) as Record<CaseAction, UpdateDefinition<CaseSnapshot, [CommandRequest]>>;

export const TASK_ACTIONS = ['claimTask', 'completeTask', 'rejectTask', 'reassignTask'] as const satisfies readonly TaskAction[];

/**
 * Agency task work on the case: validated (task open, the caller's agency, an outcome fitting the
 * task type) before anything is written; completing moves the case on when the outcome decides a step.
 */
export const taskUpdates = Object.fromEntries(TASK_ACTIONS.map((action) => [action, defineUpdate<CaseSnapshot, [TaskRequest]>(action)])) as Record<
  TaskAction,
  UpdateDefinition<CaseSnapshot, [TaskRequest]>
>;

/**
 * The case's person has earlier cases (sent by the API once the person is decided). The pinned
 * protocol's repeat rules decide what changes; without them, nothing. A repeated request id answers again.
 */
export const markRepeatUpdate = defineUpdate<CaseSnapshot, [RepeatRequest]>('markRepeat');
