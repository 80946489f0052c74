import type { Personal } from '../contracts/sealed';
import { isSealed } from '../contracts/sealed';
import type { Actor } from '../contracts/actor';
import type { CaseSnapshot } from '../contracts/case';
import type { CaseCommand } from '../contracts/commands';
import type { LedgerActor, LedgerEntry, LedgerOrigin } from '../contracts/ledger';
import { SYSTEM_ACTOR } from '../contracts/ledger';

/**
 * The case's journal: ledger entries the workflow has produced and not yet seen written. Every change
 * records its entries here; the next projection activity carries them to the ledger (same transaction
 * as the read model) and they are dropped once it returns. Pure and deterministic.
 */
export interface Journal {
  /** Entries waiting for a projection activity. Absent in states from before the ledger. */
  journal?: LedgerEntry[];
  /** Entries produced so far (keys `w1`, `w2`, … carried across continue-as-new). */
  journalSeq?: number;
  /** The case version of the last snapshot put on an entry. */
  journalVersion?: number;
}

interface Recordable extends Journal {
  regionCode: string;
  protocol: CaseSnapshot['protocol'];
}

export type EntryFields = Pick<LedgerEntry, 'action' | 'summary'> & Partial<Pick<LedgerEntry, 'outcome' | 'actor' | 'agencyCode' | 'taskKey' | 'reason' | 'payload'>>;

export function ledgerActor(actor: Actor | null | undefined): LedgerActor {
  return actor ? { id: actor.id, name: actor.name, role: actor.role, agencyCode: actor.agencyCode } : SYSTEM_ACTOR;
}

/** Appends an entry that happened at `at` (workflow time). */
export function record(state: Recordable, at: string, fields: EntryFields): void {
  const seq = (state.journalSeq ?? 0) + 1;
  const actor = fields.actor ?? SYSTEM_ACTOR;
  const entry: LedgerEntry = {
    key: `w${seq}`,
    outcome: 'RECORDED',
    agencyCode: actor.agencyCode,
    taskKey: null,
    reason: null,
    payload: null,
    ...fields,
    actor,
    snapshot: null,
    regionCode: state.regionCode,
    protocol: state.protocol,
    occurredAt: at,
    origin: null,
  };
  state.journalSeq = seq;
  state.journal = [...(state.journal ?? []), entry];
}

/**
 * Closes the change just made: the newest unstamped entry gets the case as it now stands (when the
 * version moved), and every unstamped entry gets its Temporal origin. Called right before an activity.
 */
export function sealJournal(state: Journal & { version: number }, snapshot: () => CaseSnapshot, origin: LedgerOrigin): LedgerEntry[] {
  const pending = state.journal ?? [];
  const open = pending.filter((e) => e.origin === null);
  const last = open[open.length - 1];
  if (last !== undefined && state.journalVersion !== state.version) {
    last.snapshot = snapshot();
    state.journalVersion = state.version;
  }
  for (const e of open) e.origin = origin;
  return [...pending];
}

/** Drops entries the ledger now holds. */
export function confirmJournal(state: Journal, written: readonly LedgerEntry[]): void {
  const keys = new Set(written.map((e) => e.key));
  state.journal = (state.journal ?? []).filter((e) => !keys.has(e.key));
}

/** A rung of a ladder fired: the first one notifies the assignee (a reminder), later ones escalate. */
export function recordRung(
  state: Recordable & { responsibleAgency: string | null },
  at: string,
  rung: { stage: string; level: number; notify: string },
  task: { taskKey: string; agencyCode: string } | null,
): void {
  const about = task === null ? rung.stage : task.taskKey;
  record(state, at, {
    action: rung.notify === 'ASSIGNEE' ? 'reminder' : 'escalated',
    summary: `${about} level ${rung.level} → ${rung.notify}`,
    payload: { ...rung, ...(task ?? {}) },
    agencyCode: task?.agencyCode ?? state.responsibleAgency,
    taskKey: task?.taskKey ?? null,
  });
}

const SUMMARY_FIELDS = ['result', 'decision', 'shelterType', 'reintegrationType', 'next', 'days', 'outcome', 'receivingRegionCode'] as const;

/** One line for the timeline: the action and its enumerated fields only (free text may name people). */
export function commandSummary(command: CaseCommand): string {
  const fields: Record<string, unknown> = command;
  const parts = SUMMARY_FIELDS.filter((k) => fields[k] !== undefined).map((k) => `${k}=${String(fields[k])}`);
  if (command.action === 'closeCase') parts.push(`reason=${command.reason}`);
  return [command.action, ...parts].join(' ');
}

/** Text in clear as older histories hold it; sealed text stays in the entry's payload only. */
const clear = (text: Personal<string> | undefined): string | null => (text === undefined || isSealed(text) ? null : text);

/**
 * The reason a command gives, if any (closure reason with its note, extension reason, refusal note,
 * override). Personal text that arrived sealed is not repeated here (the `reason` column is plain text):
 * it stays sealed in the payload, and a closure keeps its enumerated reason.
 */
export function commandReason(command: CaseCommand): string | null {
  switch (command.action) {
    case 'closeCase':
      return isSealed(command.note) ? command.reason : `${command.reason}: ${command.note}`;
    case 'extendShelterStay':
      return clear(command.reason);
    case 'recordReferralRefusal':
      return clear(command.note);
    case 'referToRegency':
      return clear(command.reason);
    case 'recordAssessment':
    case 'leaveShelter':
      return clear(command.refusalOverride);
    default:
      return null;
  }
}
