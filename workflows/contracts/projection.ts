/**
 * The projection's contract with the workflow: a write that fails because PostgreSQL refuses the data
 * (SQLSTATE classes 22 and 23) is not retried — it would fail forever — but reported with this failure
 * type, and the case is marked for a person's attention instead.
 */
export const PROJECTION_DATA_ERROR = 'PROJECTION_DATA_ERROR';

/** What marks a case for attention: ids and codes only, never the data that failed. */
export interface AttentionFlag {
  caseId: string;
  regionCode: string;
  /** What failed: the read model (`projectCase`), the inbox (`projectTasks`) or ledger entries only (`ledger`). */
  operation: string;
  sqlstate: string | null;
  version: number;
  /** Ledger entries the database refused and the workflow set aside, so far. */
  quarantinedEntries: number;
}
