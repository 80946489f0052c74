/**
 * Names the ledger and the security log use (docs/audit.md, docs/security.md), for the filters' choices;
 * their labels are in the `audit` catalogue. The API accepts any well-formed name: these are the ones it writes.
 */
export const LEDGER_ACTIONS = [
  'openCase',
  'startHealthCheck',
  'recordHealthCheck',
  'recordRecovery',
  'recordAssessment',
  'recordReferralRefusal',
  'extendShelterStay',
  'leaveShelter',
  'completeRehabilitation',
  'acknowledgeRepatriation',
  'completeReintegration',
  'recordMonitoringVisit',
  'referToRegency',
  'closeCase',
  'claimTask',
  'completeTask',
  'rejectTask',
  'reassignTask',
  'stageChanged',
  'taskOrdered',
  'taskDelivered',
  'taskCancelled',
  'deadlineMissed',
  'reminder',
  'escalated',
  'taskDeliveryFailed',
  'webhookFailed',
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

export const LEDGER_OUTCOMES = ['ACCEPTED', 'REJECTED', 'RECORDED'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

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
  'AGENCY_CREATED',
  'AGENCY_UPDATED',
  'CREDENTIAL_ISSUED',
  'CREDENTIAL_CONFIRMED',
  'CREDENTIAL_REVOKED',
  'PAYLOADS_DECODED',
  'PAYLOADS_ENCODED',
] as const;

export const SECURITY_OUTCOMES = ['DONE', 'REFUSED'] as const;
export type SecurityOutcome = (typeof SECURITY_OUTCOMES)[number];

export const SECURITY_TARGET_KINDS = ['case', 'task', 'user', 'agency', 'credential', 'person'] as const;
export type SecurityTargetKind = (typeof SECURITY_TARGET_KINDS)[number];

export const OUTCOME_COLOR: Record<string, string> = { ACCEPTED: 'teal', REJECTED: 'red', RECORDED: 'gray', DONE: 'teal', REFUSED: 'red' };

/** A short form of a UUID for tables (the whole id is in the link and its title). */
export const shortId = (id: string): string => id.slice(0, 8);
