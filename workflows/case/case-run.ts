import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, isCancellation, proxyActivities, proxyLocalActivities, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CaseChange } from '../../activities/case-projection.activities';
import type { LedgerEntry } from '../contracts/ledger';
import { isOpenTask } from '../contracts/task';
import { PROJECTION_DATA_ERROR } from '../contracts/projection';
import { CaseOverdueKey, CaseStageKey } from '../contracts/search-attributes';
import type { CaseState } from './case-state';
import { snapshotOf } from './case-state';
import { confirmJournal, sealJournal } from './journal';

const { projectCase, projectTasks, appendLedgerEntries, flagCaseForAttention, clearCaseAttention } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A projection must never be lost: retry until PostgreSQL is back, with capped backoff. A write the
  // database refuses on data fails at once (non-retryable) and marks the case for attention instead.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Runs from patch case-single-projection-v1 on write each change in one activity, first as a local
 * activity on the case's own worker (docs/adr/0005-one-local-projection-per-change.md): no activity task
 * goes through the server, and a command is answered in the workflow task that applied it. A local
 * attempt holds that workflow task, and with it the update's acceptance, so it gets one try of at most
 * LOCAL_PROJECTION_BOUND; when PostgreSQL is slow or down, the same change goes on as an ordinary
 * activity with the projections' retry policy, and the command is accepted meanwhile (the API answers
 * 202 rather than waiting). The projection is idempotent: a local try that still commits late is harmless.
 */
export const LOCAL_PROJECTION_BOUND = '1 second';
// Schedule-to-close too: waiting for one of the worker's local-activity slots counts against the bound.
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: LOCAL_PROJECTION_BOUND, scheduleToCloseTimeout: LOCAL_PROJECTION_BOUND, retry: { maximumAttempts: 1 } });
const remote = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

async function projectChange(change: CaseChange): Promise<void> {
  try {
    await local.projectChange(change);
  } catch (error) {
    if (isCancellation(error) || dataErrorOf(error) !== undefined) throw error;
    await remote.projectChange(change);
  }
}

/**
 * The SQLSTATE of a projection that failed on data, or undefined for any other failure. An activity's
 * failure comes wrapped in an ActivityFailure; a local activity's may come as the failure itself.
 */
function dataErrorOf(error: unknown): { sqlstate: string | null } | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (!(cause instanceof ApplicationFailure) || cause.type !== PROJECTION_DATA_ERROR) return undefined;
  const details = cause.details?.[0] as { sqlstate?: unknown } | undefined;
  return { sqlstate: typeof details?.sqlstate === 'string' ? details.sqlstate : null };
}

/**
 * One run of a case workflow: its state and what it has written. The workflow is the single writer;
 * PostgreSQL follows through the projection activities, which carry the journal's ledger entries in the
 * same transaction. Deterministic: only workflow APIs, workflow time.
 */
export class CaseRun {
  /** The highest case version the read model holds (from this run's point of view). */
  projected: number;
  /** Task keys with a delivery or notification in flight. */
  readonly sending = new Set<string>();
  /** Updates this run has answered so far. */
  answered = 0;
  private lastSqlstate: string | null = null;

  /**
   * @param single patch case-single-projection-v1: one local activity per change. Older runs keep
   * their two activities in a row (read model, then inbox), so that their histories replay.
   */
  constructor(
    readonly state: CaseState,
    projected: number,
    private readonly single = false,
  ) {
    this.projected = projected;
  }

  /** Writes the case's new version (and the journal) into the read model. */
  async project(): Promise<void> {
    const { state } = this;
    if (state.version <= this.projected) return;
    if (this.single) return this.commit(false);
    const version = state.version;
    if (await this.write('projectCase', (entries) => projectCase(snapshotOf(state), entries))) this.projected = Math.max(this.projected, version);
  }

  /** Writes the delivered tasks into the agencies' inboxes (and the journal). */
  async writeTasks(): Promise<void> {
    if (this.single) return this.commit(true);
    const { state } = this;
    await this.write('projectTasks', (entries) => projectTasks(state.caseId, state.tasks, entries, state.version));
  }

  /**
   * After a command or a task's clock: the case's new version and, when `inbox`, the agencies' inboxes
   * (superseded tasks leave them as CANCELLED). One write from the patch on, two in a row before it.
   */
  async projectWithInbox(inbox: boolean): Promise<void> {
    if (this.single) return this.commit(inbox);
    await this.project();
    if (inbox) await this.writeTasks();
  }

  /**
   * The change since the last write, in one transaction: the case's row when its version moved, the
   * inbox when asked (and there is a task to show), the journal's entries. When PostgreSQL refuses the
   * data, the parts are written apart, so that a bad value blocks only its own part (see `write`).
   */
  private async commit(inbox: boolean): Promise<void> {
    const { state } = this;
    const { caseId, version } = state;
    const snapshot = version > this.projected ? snapshotOf(state) : null;
    const tasks = inbox && state.tasks.some((t) => t.receipt !== null || !isOpenTask(t)) ? state.tasks : null;
    if (snapshot === null && tasks === null && (state.journal ?? []).length === 0) return;
    const part = (p: { snapshot?: typeof snapshot; tasks?: typeof tasks; ledger?: LedgerEntry[] }) => () =>
      projectChange({ caseId, version, snapshot: p.snapshot ?? null, tasks: p.tasks ?? null, ledger: p.ledger ?? [] });
    const batch = this.ledgerBatch();
    if (await this.refusedOnData(part({ snapshot, tasks, ledger: batch }))) {
      const entriesStored = batch.length === 0 || !(await this.refusedOnData(part({ ledger: batch })));
      if (!entriesStored) state.quarantinedEntries = (state.quarantinedEntries ?? 0) + batch.length;
      confirmJournal(state, batch); // stored apart, or set aside: either way out of the journal
      const rowStored = snapshot === null || !(await this.refusedOnData(part({ snapshot })));
      const inboxStored = tasks === null || !(await this.refusedOnData(part({ tasks })));
      if (rowStored && snapshot !== null) this.projected = Math.max(this.projected, version);
      await this.flag(!rowStored ? 'projectCase' : !inboxStored ? 'projectTasks' : 'ledger');
      return;
    }
    confirmJournal(state, batch);
    if (snapshot !== null) this.projected = Math.max(this.projected, version);
    const operation = state.attention?.operation;
    if ((operation === 'projectCase' && snapshot !== null) || (operation === 'projectTasks' && tasks !== null)) await this.clearAttention();
  }

  private async clearAttention(): Promise<void> {
    await clearCaseAttention(this.state.caseId);
    this.state.attention = null;
  }

  /**
   * Waits, before the run closes or continues as new, until no update was answered in the current
   * workflow task (runs with one local projection per change: there an update is accepted, applied and
   * answered in one task). The server refuses a close when an activity finished during the task
   * (UnhandledCommand) and then drops the updates that task answered; a 1 ms timer ends the task
   * first, and again while updates keep arriving. Older runs only wait for their handlers.
   */
  async settleAnswers(): Promise<void> {
    if (!this.single) {
      await condition(allHandlersFinished);
      return;
    }
    for (let seen = -1; seen !== this.answered; ) {
      seen = this.answered;
      await sleep(1);
      await condition(allHandlersFinished);
    }
  }

  publishVisibility(): void {
    upsertSearchAttributes([{ key: CaseStageKey, value: this.state.stage }, { key: CaseOverdueKey, value: this.state.overdue }]);
  }

  private ledgerBatch(): LedgerEntry[] {
    const { workflowId, runId, historyLength } = workflowInfo();
    return sealJournal(this.state, () => snapshotOf(this.state), { workflowId, runId, eventId: historyLength });
  }

  /**
   * Runs a projection write with the journal's pending entries, in one transaction. When PostgreSQL
   * refuses the data itself, the two halves are tried apart, so one bad value blocks only its own half:
   * entries that cannot be stored leave the journal (kept in Temporal's history, counted on the attention
   * row) instead of failing every later write; a row that cannot be stored marks the case for attention.
   * The command stays applied either way. Any other failure propagates (retried by the activity's policy).
   */
  private async write(operation: string, work: (entries: LedgerEntry[]) => Promise<void>): Promise<boolean> {
    const { state } = this;
    const batch = this.ledgerBatch();
    if (await this.refusedOnData(() => work(batch))) {
      const entriesStored = batch.length === 0 || !(await this.refusedOnData(() => appendLedgerEntries(state.caseId, batch)));
      if (!entriesStored) state.quarantinedEntries = (state.quarantinedEntries ?? 0) + batch.length;
      confirmJournal(state, batch); // stored apart, or set aside: either way out of the journal
      const rowStored = !(await this.refusedOnData(() => work([])));
      await this.flag(rowStored ? 'ledger' : operation);
      return rowStored;
    }
    confirmJournal(state, batch);
    if (state.attention !== null && state.attention !== undefined && state.attention.operation === operation) await this.clearAttention();
    return true;
  }

  /** True when the write failed because PostgreSQL refused the data (remembered for the attention row). */
  private async refusedOnData(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return false;
    } catch (error) {
      const dataError = dataErrorOf(error);
      if (dataError === undefined) throw error;
      this.lastSqlstate = dataError.sqlstate;
      return true;
    }
  }

  /** Lists the case for a person's attention (ids and codes only). */
  private async flag(operation: string): Promise<void> {
    const { state } = this;
    const since = state.attention?.since ?? new Date().toISOString();
    const sqlstate = this.lastSqlstate;
    await flagCaseForAttention({ caseId: state.caseId, regionCode: state.regionCode, operation, sqlstate, version: state.version, quarantinedEntries: state.quarantinedEntries ?? 0 });
    state.attention = { operation, sqlstate, since };
  }
}
