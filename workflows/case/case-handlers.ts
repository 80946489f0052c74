import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { CommandRequest } from '../contracts/case';
import { CASE_ACTIONS, COMMAND_FAILURES, commandProblems } from '../contracts/commands';
import type { TaskRequest } from '../contracts/task';
import type { CaseRun } from './case-run';
import { applyCommand, snapshotOf } from './case-state';
import { caseCommandUpdates, confirmOpenedUpdate, getCaseQuery, markRepeatUpdate, TASK_ACTIONS, taskUpdates } from './case.messages';
import type { RepeatRequest } from '../contracts/repeat';
import { applyRepeat, repeatRequestProblems } from './case-repeat';
import type { Rejection } from './stage-machine';
import { decide } from './stage-machine';
import type { TaskCheck } from './task-rules';
import { applyTaskRequest, checkTaskRequest, taskRequestProblems } from './task-rules';

const taskFailure = (c: Extract<TaskCheck, { ok: false }>) => ApplicationFailure.create({ type: c.failure, message: c.reason, nonRetryable: true });

const rejection = (r: Rejection) =>
  ApplicationFailure.create({ type: r.code === 'ROLE_NOT_ALLOWED' ? COMMAND_FAILURES.role : COMMAND_FAILURES.illegal, message: r.reason, nonRetryable: true, details: [{ allowedActions: r.allowedActions }] });

const invalid = (problems: string[]) => ApplicationFailure.create({ type: COMMAND_FAILURES.invalid, message: problems.join('; '), nonRetryable: true });

/**
 * The case's messages: its live state (query), the open confirmation, one update per command and per
 * task action. Validators refuse before anything is written (nothing in history); a request id already
 * applied passes and is answered from the state, so a retried request changes nothing twice.
 */
export function registerHandlers(run: CaseRun): void {
  setHandler(getCaseQuery, () => snapshotOf(run.state));
  setHandler(confirmOpenedUpdate, async () => {
    // A case whose data the read model refused is confirmed too: it is open, and marked for attention.
    await condition(() => run.projected >= 1 || (run.state.attention ?? null) !== null);
    run.answered += 1;
    return snapshotOf(run.state);
  });
  registerCommandHandlers(run);
  registerTaskHandlers(run);
  registerRepeatHandler(run);
}

/** The repeat notice: well-formed or refused; applied once, under the pinned protocol's repeat rules. */
function registerRepeatHandler(run: CaseRun): void {
  const seen = seenBy(run);
  const validate = (request: RepeatRequest) => {
    if (seen(request.requestId)) return;
    const problems = repeatRequestProblems(request);
    if (problems.length > 0) throw invalid(problems);
  };
  const handle = async (request: RepeatRequest) => {
    if (!seen(request.requestId) && applyRepeat(run.state, request, new Date().toISOString())) run.publishVisibility();
    await run.projectWithInbox(run.state.taskDeadlines === true);
    run.answered += 1;
    return snapshotOf(run.state);
  };
  setHandler(markRepeatUpdate, handle, { validator: validate });
}

const seenBy = (run: CaseRun) => (requestId: string) => run.state.processedRequests.includes(requestId);

/** One update per case command: the validator refuses what the stage machine refuses; a repeated request id answers again. */
function registerCommandHandlers(run: CaseRun): void {
  const { state } = run;
  const seen = seenBy(run);
  for (const action of CASE_ACTIONS) {
    const validate = (request: CommandRequest) => {
      if (seen(request.requestId)) return;
      if (request.command?.action !== action) throw invalid([`the command must be ${action}`]);
      const problems = commandProblems(request.command);
      if (problems.length > 0) throw invalid(problems.map((p) => `${p.field} ${p.message}`));
      const decision = decide(state.facts, request.command, request.actor.role);
      if (!decision.ok) throw rejection(decision);
    };
    const handle = async (request: CommandRequest) => {
      if (!seen(request.requestId)) {
        const decision = decide(state.facts, request.command, request.actor.role); // state may have moved since validation
        if (!decision.ok) throw rejection(decision);
        applyCommand(state, request, decision, new Date().toISOString());
        run.publishVisibility();
      }
      await run.projectWithInbox(state.taskDeadlines === true); // superseded tasks leave the inbox as CANCELLED
      run.answered += 1;
      return snapshotOf(state);
    };
    setHandler(caseCommandUpdates[action], handle, { validator: validate });
  }
}

/** One update per task action (claim, complete, reject, reassign), checked against the task and the case. */
function registerTaskHandlers(run: CaseRun): void {
  const { state } = run;
  const seen = seenBy(run);
  for (const action of TASK_ACTIONS) {
    const validate = (request: TaskRequest) => {
      if (seen(request.requestId)) return;
      const check = checkTaskRequest(state, action, request);
      if (!check.ok) throw taskFailure(check);
      const problems = taskRequestProblems(state, action, request);
      if (problems.length > 0) throw invalid(problems);
    };
    const handle = async (request: TaskRequest) => {
      if (!seen(request.requestId)) {
        const check = checkTaskRequest(state, action, request); // state may have moved since validation
        if (!check.ok) throw taskFailure(check);
        applyTaskRequest(state, action, request, check, new Date().toISOString());
        run.publishVisibility();
      }
      await run.projectWithInbox(true);
      run.answered += 1;
      return snapshotOf(state);
    };
    setHandler(taskUpdates[action], handle, { validator: validate });
  }
}
