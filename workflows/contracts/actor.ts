/**
 * Who acted. Always built from a verified credential (never from a request body) and passed into every
 * workflow command, so a case's history records the actor. Staff identity only: no client data.
 */
export const ROLES = ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN', 'AGENCY_SYSTEM'] as const;
/**
 * One role per principal. AGENCY_SYSTEM is an agency's machine credential (API key), never a person.
 */
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** User id, or `credential:<keyId>` for an agency system. */
  id: string;
  kind: 'user' | 'agency-system';
  /** Login name of a user, or the credential label of an agency system. */
  name: string;
  role: Role;
  /** Region scope: a kab/kota code (4 digits) or a province code (2 digits). */
  regionCode: string;
  agencyId: string | null;
  agencyCode: string | null;
}
