import type { Role } from '../../workflows/contracts/actor';

/**
 * What the bell announces, and to whom. Each kind but one is a set of ledger entries (`case_event`): a
 * task reaching an agency's inbox, a missed deadline (a stage's own, or a task's acceptance or completion
 * clock), an escalation (a ladder rung above the assignee, a rejected task referred to the protocol's
 * decider, a delivery that failed beyond retries). MONTHLY_REPORT is a row of `monthly_report`: the
 * forum's monthly report of the supervisor's region is ready. Pure; the service turns it into SQL.
 */
export const NOTIFICATION_KINDS = ['TASK_NEW', 'TASK_OVERDUE', 'DEADLINE_MISSED', 'ESCALATION', 'REPEAT_CASE', 'MONTHLY_REPORT'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** The kinds read from the ledger. */
export type LedgerNotificationKind = Exclude<NotificationKind, 'MONTHLY_REPORT'>;

export const isLedgerKind = (kind: NotificationKind): kind is LedgerNotificationKind => kind !== 'MONTHLY_REPORT';

/** The ledger entries of a kind: their actions and whether they are about an agency task. */
export const KIND_ENTRIES: Record<LedgerNotificationKind, { actions: readonly string[]; task: boolean | null }> = {
  TASK_NEW: { actions: ['taskDelivered'], task: true },
  TASK_OVERDUE: { actions: ['deadlineMissed'], task: true },
  DEADLINE_MISSED: { actions: ['deadlineMissed'], task: false },
  ESCALATION: { actions: ['escalated', 'rejectTask', 'taskDeliveryFailed'], task: null },
  /** A case is a repeat under a protocol whose repeat rules notify the supervisor. */
  REPEAT_CASE: { actions: ['repeatNoticed'], task: false },
};

/**
 * Who hears of what. Agency staff and systems: their agency's inbox of their region (new tasks, its
 * tasks overdue). Case workers: their region's missed stage deadlines and escalations; supervisors also
 * every overdue task (they reassign), repeat cases (their protocol's repeat rules) and their region's
 * monthly report. Auditors and admins work no case: nothing.
 */
export const KINDS_BY_ROLE: Record<Role, { scope: 'agency' | 'region' | 'none'; kinds: readonly NotificationKind[] }> = {
  AGENCY_OFFICER: { scope: 'agency', kinds: ['TASK_NEW', 'TASK_OVERDUE'] },
  AGENCY_SYSTEM: { scope: 'agency', kinds: ['TASK_NEW', 'TASK_OVERDUE'] },
  CASE_WORKER: { scope: 'region', kinds: ['DEADLINE_MISSED', 'ESCALATION'] },
  SUPERVISOR: { scope: 'region', kinds: ['DEADLINE_MISSED', 'ESCALATION', 'TASK_OVERDUE', 'REPEAT_CASE', 'MONTHLY_REPORT'] },
  AUDITOR: { scope: 'none', kinds: [] },
  ADMIN: { scope: 'none', kinds: [] },
};

/** The kind of a ledger entry for someone who hears of `kinds`, or undefined: not for them. */
export function kindOf(entry: { action: string; taskKey: string | null; outcome: string }, kinds: readonly NotificationKind[]): LedgerNotificationKind | undefined {
  if (entry.outcome === 'REJECTED') return undefined; // a refused command changed nothing
  return kinds.filter(isLedgerKind).find((kind) => {
    const { actions, task } = KIND_ENTRIES[kind];
    return actions.includes(entry.action) && (task === null || task === (entry.taskKey !== null));
  });
}
