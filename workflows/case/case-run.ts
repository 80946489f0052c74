import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LedgerEntry } from '../contracts/ledger';
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

/** The SQLSTATE of a projection that failed on data, or undefined for any other failure. */
function dataErrorOf(error: unknown): { sqlstate: string | null } | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
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
  private lastSqlstate: string | null = null;

  constructor(
    readonly state: CaseState,
    continued: boolean,
  ) {
    this.projected = continued ? state.version : 0;
  }

  /** Writes the case's new version (and the journal) into the read model. */
  async project(): Promise<void> {
    const { state } = this;
    if (state.version <= this.projected) return;
    const version = state.version;
    if (await this.write('projectCase', (entries) => projectCase(snapshotOf(state), entries))) this.projected = Math.max(this.projected, version);
  }

  /** Writes the delivered tasks into the agencies' inboxes (and the journal). */
  async writeTasks(): Promise<void> {
    const { state } = this;
    await this.write('projectTasks', (entries) => projectTasks(state.caseId, state.tasks, entries, state.version));
  }

  /** Superseded tasks leave the inbox as CANCELLED (cases with task clocks). */
  async syncInbox(): Promise<void> {
    if (this.state.taskDeadlines === true) await this.writeTasks();
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
    if (state.attention !== null && state.attention !== undefined && state.attention.operation === operation) {
      await clearCaseAttention(state.caseId);
      state.attention = null;
    }
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
