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
  | 'person.manage'
  | 'person.edit'
  | 'person.restrict'
  | 'person.erase'
  | 'person.report'
  | 'razia.record'
  | 'razia.read'
  | 'report.read'
  | 'temporal.codec';

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
 * - Supervisors alone merge two records of one person, undo a merge and undo a wrong link of a case to
 *   its person (docs/persons.md); case workers and supervisors decide a case's person (`case.command`)
 *   and complete a person's record of their region (`person.edit`: aliases, a child's guardian, origin
 *   region) — the case worker who meets the child learns their street name and who their parent is.
 * - Data-subject rights (UU 27/2022, docs/personal-data.md): supervisors of the person's region restrict
 *   processing, set a legal hold (`person.restrict`) and erase a person's data (`person.erase`,
 *   irreversible); supervisors and auditors produce a person's data report (`person.report`). Admins
 *   hold none of these: the report is the whole case file, and erasure is a decision on one (least
 *   privilege, as above).
 * - Every person changes their own password; agency systems have no password.
 * - Agency systems (API keys) only act on their agency's tasks.
 * - Admins of national scope operate the deployment: they alone may decode Temporal payloads through
 *   the codec endpoint (docs/security.md), each call security-logged; a regional admin is refused there.
 * - Reports (docs/reports.md): supervisors, auditors and admins of a region read the coordination forum's
 *   figures (`report.read`): counts with small cells suppressed, no case file. The cases behind a figure are
 *   listed under `case.list`, so admins see the figures and not the cases.
 * - Razia (Satpol PP sweeps, docs/razia.md) are recorded by case workers, supervisors and Satpol PP's
 *   officers (AGENCY_PERMISSIONS below); auditors read them.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CASE_WORKER: ['self.read', 'self.password', 'case.create', 'case.read', 'case.list', 'case.command', 'agency.read', 'person.edit', 'razia.record', 'razia.read'],
  SUPERVISOR: ['self.read', 'self.password', 'case.create', 'case.read', 'case.list', 'case.command', 'agency.read', 'user.read', 'user.confirm', 'task.read', 'task.assign', 'agency.queue', 'agency.credential.read', 'agency.credential.confirm', 'person.manage', 'person.edit', 'person.restrict', 'person.erase', 'person.report', 'razia.record', 'razia.read', 'report.read'],
  AGENCY_OFFICER: ['self.read', 'self.password', 'agency.read', 'task.read', 'task.work'],
  AUDITOR: ['self.read', 'self.password', 'case.read', 'case.list', 'agency.read', 'user.read', 'task.read', 'audit.read', 'agency.credential.read', 'razia.read', 'person.report', 'report.read'],
  ADMIN: ['self.read', 'self.password', 'agency.read', 'agency.manage', 'agency.credential.manage', 'agency.credential.read', 'user.read', 'user.manage', 'temporal.codec', 'report.read'],
  AGENCY_SYSTEM: ['self.read', 'task.read', 'task.work'],
};

/**
 * What an agency officer holds because of their agency, beyond their role (the table above has no
 * agency column): the village Puskesos takes complaints in (SLRT, pmks-domain §5.2), so its officers
 * open complaint cases — for their own village only (src/puskesos); Satpol PP records its razia
 * (docs/razia.md). Other agencies' officers open and record nothing.
 */
export const AGENCY_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = {
  PUSKESOS: ['case.create'],
  SATPOL_PP: ['razia.record', 'razia.read'],
};

/** Every permission an actor holds: their role's, and for an agency officer their agency's (what `GET /auth/me` reports). */
export function permissionsOf(actor: Pick<Actor, 'role' | 'agencyCode'>): Permission[] {
  const byAgency = actor.role === 'AGENCY_OFFICER' && actor.agencyCode !== null ? (AGENCY_PERMISSIONS[actor.agencyCode] ?? []) : [];
  return [...ROLE_PERMISSIONS[actor.role], ...byAgency.filter((p) => !ROLE_PERMISSIONS[actor.role].includes(p))];
}

/** Whether this actor holds the permission, by role or by agency. */
export function actorHasPermission(actor: Pick<Actor, 'role' | 'agencyCode'>, permission: Permission): boolean {
  return permissionsOf(actor).includes(permission);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that hold a permission (OpenAPI docs list them per route). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => hasPermission(role, permission));
}
