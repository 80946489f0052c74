import type { Role } from '../../workflows/contracts/actor';

/**
 * Where an account stands. PENDING_CONFIRMATION: created, waiting for a supervisor; PENDING_SETUP: a
 * one-time setup code is out (it may have expired); ACTIVE: the person has a password; DEACTIVATED:
 * switched off by an admin. Derived in PostgreSQL (migration AccountSetup), never stored by hand.
 */
export const ACCOUNT_STATUSES = ['ACTIVE', 'PENDING_CONFIRMATION', 'PENDING_SETUP', 'DEACTIVATED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * Two-person rule: every role that reaches case files (case workers, supervisors, auditors, and
 * agency officers, who see task outcomes with health findings) is confirmed by a supervisor of the
 * account's region, who alone receives its setup code. An admin gains nothing from an admin account.
 */
export function needsConfirmation(role: Role): boolean {
  return role !== 'ADMIN';
}
