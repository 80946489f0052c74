import type { Actor, Role } from '../../workflows/contracts/actor';

/** Every permission a route can require. Each route declares exactly one (see `@Authenticated`). */
export type Permission =
  | 'self.read'
  | 'self.password'
  | 'case.create'
  | 'case.read'
  | 'case.list'
  | 'case.command'
  | 'task.read'
  | 'task.work'
  | 'task.assign'
  | 'agency.queue'
  | 'user.read'
  | 'user.manage'
  | 'user.confirm'
  | 'agency.read'
  | 'agency.manage'
  | 'agency.credential.manage'
  | 'agency.credential.read'
  | 'agency.credential.confirm'
  | 'audit.read'
  | 'razia.record'
  | 'razia.read';

/**
 * THE permission table: what each role may do, before resource scoping (region, agency) in the
 * services. Reviewed as a whole; the authorization-matrix test pins its effect route by route.
 *
 * - Case workers and supervisors open, read and advance cases of their region (which command each
 *   role may give is the stage machine's table: workflows/case/stage-machine.ts).
 * - Agency officers work on their agency's tasks (inbox), and see of a case only what the task carries.
 * - Auditors read everything in their scope and change nothing; only they read the audit ledger and
 *   the personal-data access log.
 * - Admins manage users and agencies, not case files (least privilege over health and children's data),
 *   and never hold a password of someone who can read them: a supervisor confirms those accounts and
 *   alone receives their one-time setup code (two-person rule, docs/security.md). Likewise an admin
 *   issues an agency API key, but it works only once a supervisor confirms it, who alone receives the
 *   key; both see the agency's keys (the supervisor's to-do list), auditors too.
 * - Every person changes their own password; agency systems have no password.
 * - Agency systems (API keys) only act on their agency's tasks.
 * - Razia (Satpol PP sweeps, docs/razia.md) are recorded by case workers, supervisors and agency
 *   officers, of these only Satpol PP's (AGENCY_BOUND below); auditors read them.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CASE_WORKER: ['self.read', 'self.password', 'case.create', 'case.read', 'case.list', 'case.command', 'agency.read', 'razia.record', 'razia.read'],
  SUPERVISOR: ['self.read', 'self.password', 'case.create', 'case.read', 'case.list', 'case.command', 'agency.read', 'user.read', 'user.confirm', 'task.read', 'task.assign', 'agency.queue', 'agency.credential.read', 'agency.credential.confirm', 'razia.record', 'razia.read'],
  AGENCY_OFFICER: ['self.read', 'self.password', 'agency.read', 'task.read', 'task.work', 'razia.record', 'razia.read'],
  AUDITOR: ['self.read', 'self.password', 'case.read', 'case.list', 'agency.read', 'user.read', 'task.read', 'audit.read', 'agency.credential.read', 'razia.read'],
  ADMIN: ['self.read', 'self.password', 'agency.read', 'agency.manage', 'agency.credential.manage', 'agency.credential.read', 'user.read', 'user.manage'],
  AGENCY_SYSTEM: ['self.read', 'task.read', 'task.work'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A role's permission that holds only for members of one agency (the table above has no agency column). */
export const AGENCY_BOUND: readonly { role: Role; permission: Permission; agencyCode: string }[] = [
  { role: 'AGENCY_OFFICER', permission: 'razia.record', agencyCode: 'SATPOL_PP' },
  { role: 'AGENCY_OFFICER', permission: 'razia.read', agencyCode: 'SATPOL_PP' },
];

/** Whether this actor holds the permission: its role's, narrowed to the agency where AGENCY_BOUND says so. */
export function actorHasPermission(actor: Pick<Actor, 'role' | 'agencyCode'>, permission: Permission): boolean {
  const bound = AGENCY_BOUND.find((b) => b.role === actor.role && b.permission === permission);
  return hasPermission(actor.role, permission) && (bound === undefined || bound.agencyCode === actor.agencyCode);
}

/** Every permission the actor holds (what `GET /auth/me` reports, so the web app shows only what the API allows). */
export function permissionsOf(actor: Pick<Actor, 'role' | 'agencyCode'>): Permission[] {
  return ROLE_PERMISSIONS[actor.role].filter((permission) => actorHasPermission(actor, permission));
}

/** Roles that hold a permission (OpenAPI docs list them per route). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => hasPermission(role, permission));
}
