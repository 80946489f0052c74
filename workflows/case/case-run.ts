import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LedgerEntry } from '../contracts/ledger';
import { PROJECTION_DATA_ERROR } from '../contracts/projection';
import { CaseOverdueKey, CaseStageKey } from '../contracts/search-attributes';
import type { CaseState } from './case-state';
import { snapshotOf } from './case-state';
import { confirmJournal, sealJournal } from './journal';

const { projectCase, projectTasks, flagCaseForAttention, clearCaseAttention } = proxyActivities<Activities>({
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
    const batch = this.ledgerBatch();
    if (!(await this.write('projectCase', () => projectCase(snapshotOf(state), batch)))) return;
    confirmJournal(state, batch);
    this.projected = Math.max(this.projected, version);
  }

  /** Writes the delivered tasks into the agencies' inboxes (and the journal). */
  async writeTasks(): Promise<void> {
    const batch = this.ledgerBatch();
    if (!(await this.write('projectTasks', () => projectTasks(this.state.caseId, this.state.tasks, batch, this.state.version)))) return;
    confirmJournal(this.state, batch);
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
   * Runs a projection write. When PostgreSQL refuses the data the case is marked for attention (ids and
   * codes only) and the caller carries on: the command stays applied, nothing waits on a write that
   * cannot succeed, and the entries stay in the journal. Any other failure propagates (retried above).
   */
  private async write(operation: string, work: () => Promise<void>): Promise<boolean> {
    const { state } = this;
    try {
      await work();
    } catch (error) {
      const dataError = dataErrorOf(error);
      if (dataError === undefined) throw error;
      const since = state.attention?.since ?? new Date().toISOString();
      await flagCaseForAttention({ caseId: state.caseId, regionCode: state.regionCode, operation, sqlstate: dataError.sqlstate, version: state.version });
      state.attention = { operation, sqlstate: dataError.sqlstate, since };
      return false;
    }
    if (state.attention?.operation === operation) {
      await clearCaseAttention(state.caseId);
      state.attention = null;
    }
    return true;
  }
}
