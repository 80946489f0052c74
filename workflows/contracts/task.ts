import type { Personal } from './sealed';
import type { Actor } from './actor';

/**
 * Agency tasks: every step a case's protocol gives to an agency becomes a task, dispatched by the case
 * workflow as an activity on that agency's own task queue. Plain JSON.
 */
export const TASK_TYPES = [
  'HEALTH_CHECK',
  'MEDICAL_TREATMENT',
  'ASSESSMENT',
  'CHILD_PROTECTION',
  'SHELTER_PLACEMENT',
  'REHABILITATION',
  'VOCATIONAL_TRAINING',
  'REINTEGRATION_SUPPORT',
  'REPATRIATION_ACKNOWLEDGEMENT',
  'FOLLOW_UP_VISIT',
  /** A complaint taken in at a village Puskesos: the Puskesos refers it to the regency's unit. */
  'COMPLAINT_INTAKE',
  /** A complaint a Puskesos referred: the regency's unit (UPT SPMKS, Dinsos) takes it on. */
  'REGENCY_REFERRAL',
  /** A child seen again under a protocol with repeat rules: the child-protection agency is notified and acknowledges. */
  'REPEAT_CHILD_NOTICE',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** What the case workflow sends to an agency. */
export interface AgencyTaskOrder {
  /** Unique per case and step occurrence (e.g. `HEALTH_CHECK@v2`): dispatching twice records once. */
  taskKey: string;
  caseId: string;
  type: TaskType;
  agencyCode: string;
  /** The agency's region: the case's, or the origin region for a repatriation acknowledgement. */
  regionCode: string;
  /** ISO-8601 workflow time. */
  dispatchedAt: string;
  /** When the step's deadline passes (from the protocol), if it has one. */
  dueAt: string | null;
}

/** What the agency's side returns once the task is in its inbox. */
export interface TaskReceipt {
  taskId: string;
  /** `sinergi` when Sinergi's worker recorded it, otherwise the agency system's own name. */
  recordedBy: string;
}

/**
 * The task queue of one region's agency: `agency-<region>-<code in lower case>` (e.g.
 * `agency-3514-dinkes`), so an agency's own system polling it receives its own region's tasks only.
 */
export function agencyTaskQueue(regionCode: string, agencyCode: string): string {
  return `agency-${regionCode}-${agencyCode.toLowerCase()}`;
}

/** The queue of cases opened before per-region queues (one per agency code, every region): still served. */
export function legacyAgencyTaskQueue(agencyCode: string): string {
  return `agency-${agencyCode.toLowerCase()}`;
}

export const TASK_STATUSES = ['OPEN', 'CLAIMED', 'COMPLETED', 'REJECTED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task someone still has to do: not yet claimed, or claimed and not finished. */
export function isOpenTask(t: { status: TaskStatus }): boolean {
  return t.status === 'OPEN' || t.status === 'CLAIMED';
}
export type TaskAction = 'claimTask' | 'completeTask' | 'rejectTask' | 'reassignTask';

/** A task request as it reaches the case workflow (request id for idempotency, verified actor). */
export interface TaskRequest {
  requestId: string;
  actor: Actor;
  taskKey: string;
  /** completeTask: the typed outcome (see workflows/case/task-outcomes.ts). */
  outcome?: Record<string, unknown>;
  /** rejectTask: why (personal text: sealed by the API, in clear in older histories). */
  reason?: Personal<string>;
  /** reassignTask: the officer of the same agency who takes the task over. */
  assignee?: { id: string; name: string };
}

/** A task as the case holds it and projects it into the agency's inbox. */
export interface TaskState {
  order: AgencyTaskOrder;
  receipt: TaskReceipt | null;
  status: TaskStatus;
  assignee: { id: string; name: string } | null;
  outcome: Record<string, unknown> | null;
  /** Why it was rejected (sealed since issue 13) or cancelled (Sinergi's own words). */
  reason: Personal<string> | null;
  closedAt: string | null;
  /** The agency's webhook was told (or has none). Absent in tasks from before webhooks. */
  notified?: boolean;
  /** Claim before this time (from the protocol's taskAcceptance); absent before task deadlines. */
  acceptBy?: string | null;
  /** Rungs of the escalation ladder fired for the task's current deadline. */
  ladderLevel?: number;
  overdue?: boolean;
  /** Delivery to the agency's queue failed beyond retries (recorded; the agency's supervisor decides). */
  deliveryFailed?: boolean;
  /** The agency's webhook refused the notification beyond retries. */
  notifyFailed?: boolean;
}
