import type { Role } from '../../workflows/contracts/actor';

/** What happened. Management actions name the change; `OUT_OF_SCOPE` is a request refused by region scope. */
export const SECURITY_ACTIONS = [
  'OUT_OF_SCOPE',
  'USER_CREATED',
  'USER_CONFIRMED',
  'PASSWORD_SETUP',
  'PASSWORD_RESET_REQUESTED',
  'PASSWORD_CHANGED',
  'USER_DEACTIVATED',
  'USER_REACTIVATED',
  'USER_RENAMED',
  'USER_VILLAGE_SET',
  'CREDENTIAL_ISSUED',
  'CREDENTIAL_REVOKED',
  'AGENCY_CREATED',
  'AGENCY_UPDATED',
  'CREDENTIAL_CONFIRMED',
  'PAYLOADS_DECODED',
  'PAYLOADS_ENCODED',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export const SECURITY_OUTCOMES = ['DONE', 'REFUSED'] as const;
export type SecurityOutcome = (typeof SECURITY_OUTCOMES)[number];

export const SECURITY_TARGET_KINDS = ['case', 'task', 'user', 'agency', 'credential', 'person'] as const;
export type SecurityTargetKind = (typeof SECURITY_TARGET_KINDS)[number];

/** What the action was about. The region decides which auditors see the event. */
export interface SecurityTarget {
  kind: SecurityTargetKind;
  /** Null when there is none yet (a refused creation). */
  id: string | null;
  regionCode: string | null;
}

/**
 * Enumerated facts only: codes, roles, field names, times. Never a request body, a name, a password,
 * a setup code or any other secret: auditors of several regions read these rows.
 */
export interface SecurityDetail {
  /** Route template of a refused request, e.g. `GET /users/:id`. */
  route?: string;
  /** Error code the request was answered with (a refusal). */
  code?: string;
  /** Role of the account concerned. */
  role?: Role;
  /** Account status after the action (`ACTIVE`, `PENDING_CONFIRMATION`, …). */
  status?: string;
  /** Names of the fields an update changed (never their values). */
  fields?: string[];
  /** Agency code of the agency or credential concerned. */
  agencyCode?: string;
  /** Expiry of the one-time setup code this action issued (ISO-8601). */
  setupCodeExpiresAt?: string;
  /** How many Temporal payloads a codec call took, and their namespace. */
  payloads?: number;
  namespace?: string;
}

export interface SecurityEventInput {
  action: SecurityAction;
  outcome: SecurityOutcome;
  target: SecurityTarget | null;
  detail?: SecurityDetail;
}

/** A recorded event as auditors read it. */
export interface SecurityEvent {
  id: string;
  occurredAt: string;
  /** Null for an anonymous request (a setup code that matched no account). */
  actor: { id: string; name: string; role: string; regionCode: string; agencyCode: string | null } | null;
  action: string;
  outcome: SecurityOutcome;
  target: SecurityTarget | null;
  /** The request's `X-Request-Id`, to find it in the request log. */
  requestId: string | null;
  detail: SecurityDetail;
}

export interface SecurityEventQuery {
  action?: string;
  outcome?: SecurityOutcome;
  actorId?: string;
  targetKind?: SecurityTargetKind;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}
