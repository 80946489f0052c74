/**
 * Where an agency API key stands. PENDING_CONFIRMATION: issued by an admin, no secret yet, authenticates
 * nothing; ACTIVE: a supervisor of the agency's region confirmed it and received the key; REVOKED:
 * switched off by an admin (whatever it was before). Derived in PostgreSQL (migration
 * CredentialConfirmation), never stored by hand.
 */
export const CREDENTIAL_STATUSES = ['PENDING_CONFIRMATION', 'ACTIVE', 'REVOKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];
