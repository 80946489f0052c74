import type { CaseSnapshot } from './case';
import type { ProtocolRef } from './protocol';

/**
 * The audit ledger: every change to a case, every command (accepted or refused), task event, reminder,
 * escalation and missed deadline, as an append-only, hash-chained list per case. The workflow emits
 * entries; the projection activities append them in the same transaction as the read model; the API
 * appends commands the workflow refused. Plain JSON. See docs/audit.md.
 */
export const LEDGER_OUTCOMES = ['ACCEPTED', 'REJECTED', 'RECORDED'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

/** Actions that are not commands: what Sinergi itself records about a case. */
export const SYSTEM_LEDGER_ACTIONS = ['stageChanged', 'taskOrdered', 'taskDelivered', 'taskCancelled', 'deadlineMissed', 'reminder', 'escalated'] as const;

/**
 * The API's entries about who a case is about (the person registry, docs/persons.md): a person decided
 * for the case (linked or new), a wrong link undone, the case moved by a merge of two persons and back,
 * the person's record edited (aliases, guardian, origin region: which fields, never their values), the
 * data-subject rights (erasure, restriction, legal hold), and the person as given at opening erased from
 * a case never linked to a registered person (retention, docs/personal-data.md).
 */
export const PERSON_LEDGER_ACTIONS = [
  'personLinked',
  'personUnlinked',
  'personsMerged',
  'personMergeUndone',
  'personUpdated',
  'personErased',
  'personRestricted',
  'personRestrictionLifted',
  'personLegalHoldSet',
  'personLegalHoldLifted',
  'caseSubjectErased',
] as const;
export type PersonLedgerAction = (typeof PERSON_LEDGER_ACTIONS)[number];

/** Who acted, as the ledger keeps it. Sinergi's own events (timers, dispatch) have the SYSTEM actor. */
export interface LedgerActor {
  id: string;
  name: string;
  role: string;
  agencyCode: string | null;
}

export const SYSTEM_ACTOR: LedgerActor = { id: 'system', name: 'Sinergi', role: 'SYSTEM', agencyCode: null };

/** Where in Temporal an entry came from: the workflow run and its history length at that moment. */
export interface LedgerOrigin {
  workflowId: string;
  runId: string | null;
  /** The run's history length when the change was made (the workflow task's started event id). */
  eventId: number | null;
}

/** What an event says, before and after it is chained. */
interface LedgerContent {
  /** Unique per case: `w<n>` from the workflow's counter, `r:<request id>` for an API refusal. */
  key: string;
  action: string;
  outcome: LedgerOutcome;
  actor: LedgerActor;
  /** The agency the event concerns: a task's agency, else the acting agency (if any). */
  agencyCode: string | null;
  taskKey: string | null;
  reason: string | null;
  /** One line without personal data, e.g. `HEALTH_CHECK → ASSESSMENT`. */
  summary: string;
  /** The command or event as given (may hold personal data: every read is access-logged). */
  payload: Record<string, unknown> | null;
  /** The case after this entry, on the last entry of each change (what `state?at=` returns). */
  snapshot: CaseSnapshot | null;
  regionCode: string;
  protocol: ProtocolRef | null;
  /** ISO-8601 workflow time (API time for refusals). */
  occurredAt: string;
}

/** An entry as the workflow (or the API) produces it, before it is chained. */
export interface LedgerEntry extends LedgerContent {
  /** Stamped by the workflow when the entry is handed to an activity. */
  origin: LedgerOrigin | null;
}

/**
 * An entry as stored and exported: chained. `hash` is the SHA-256 (hex) of the canonical JSON of every
 * other field (keys sorted, no whitespace); `prevHash` is the previous entry's hash (64 zeros first).
 */
export interface LedgerRecord extends LedgerContent {
  caseId: string;
  seq: number;
  recordedAt: string;
  workflowId: string | null;
  runId: string | null;
  eventId: number | null;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
