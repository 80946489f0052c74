import { z } from 'zod';
import type { CaseCommand } from '../contracts/commands';
import { COMMAND_BODIES, schemaProblems } from '../contracts/commands';
import { HEALTH_RESULTS, MONITORING_OUTCOMES } from '../contracts/lifecycle';
import type { TaskType } from '../contracts/task';
import { freeText, TEXT_LIMITS } from '../domain/free-text';
import { normalizeKabKotaCode } from '../domain/region-code';

/**
 * What an agency reports when it completes a task, one schema per task type: the API validates an
 * outcome with it before sending, and the workflow's validator checks it again. Free text follows the
 * shared rule (domain/free-text.ts); unknown fields are refused (an outcome is stored as given).
 */
const note = () => freeText(TEXT_LIMITS.note, true).optional();
const name = () => freeText(TEXT_LIMITS.name);

export const OUTCOME_SCHEMAS = {
  HEALTH_CHECK: z.strictObject({ result: z.enum(HEALTH_RESULTS), findings: note() }),
  MEDICAL_TREATMENT: z.strictObject({ recovered: z.literal(true, { message: 'must be true once the person has recovered' }), note: note() }),
  ASSESSMENT: z.strictObject({ summary: freeText(TEXT_LIMITS.note, true) }),
  CHILD_PROTECTION: z.strictObject({ summary: freeText(TEXT_LIMITS.note, true) }),
  SHELTER_PLACEMENT: z.strictObject({ facility: name(), note: note() }),
  REHABILITATION: z.strictObject({ programme: name(), note: note() }),
  VOCATIONAL_TRAINING: z.strictObject({ status: z.enum(['ENROLLED', 'COMPLETED']), note: note() }),
  REINTEGRATION_SUPPORT: z.strictObject({
    kind: z.enum(['CASH', 'GOODS', 'SERVICE', 'JOB_PLACEMENT']),
    amount: z.number().int('must be a whole number of rupiah').min(0, 'must be a whole number of rupiah').max(1e12).optional(),
    note: note(),
  }),
  REPATRIATION_ACKNOWLEDGEMENT: z.strictObject({ receivingOfficer: name(), note: note() }),
  FOLLOW_UP_VISIT: z.strictObject({ outcome: z.enum(MONITORING_OUTCOMES), note: note() }),
  /** Completing the intake task is the referral to the regency's unit: why it goes there. */
  COMPLAINT_INTAKE: COMMAND_BODIES.referToRegency,
  /** The regency's unit took the complaint on: what it decided (service, programme, letter). */
  REGENCY_REFERRAL: z.strictObject({ note: note() }),
  /** The child-protection agency acknowledges the notice of a child's repeat (what it will do, optionally). */
  REPEAT_CHILD_NOTICE: z.strictObject({ note: note() }),
} as const satisfies Record<TaskType, z.ZodType>;

/** A task outcome as an agency reports it; its shape depends on the task type. */
export type TaskOutcome = Record<string, unknown>;

/** What is wrong with an outcome for this task type (empty: it fits), as `outcome.<field> <message>`. */
export function outcomeProblems(type: TaskType, outcome: unknown): string[] {
  return schemaProblems(OUTCOME_SCHEMAS[type], outcome, 'outcome').map((p) => `${p.field} ${p.message}`);
}

/** The case command an outcome implies ("the case moves on by itself"), if any. */
export function commandFor(type: TaskType, outcome: TaskOutcome, receivingRegionCode: string): CaseCommand | undefined {
  switch (type) {
    case 'HEALTH_CHECK':
      return { action: 'recordHealthCheck', result: outcome.result as 'FIT', ...(typeof outcome.findings === 'string' ? { findings: outcome.findings } : {}) };
    case 'MEDICAL_TREATMENT':
      return { action: 'recordRecovery' };
    case 'REPATRIATION_ACKNOWLEDGEMENT':
      return normalizeKabKotaCode(receivingRegionCode) === undefined
        ? undefined
        : { action: 'acknowledgeRepatriation', receivingOfficer: String(outcome.receivingOfficer), receivingRegionCode };
    case 'FOLLOW_UP_VISIT':
      return { action: 'recordMonitoringVisit', outcome: outcome.outcome as 'STABLE' };
    case 'COMPLAINT_INTAKE':
      return { action: 'referToRegency', reason: String(outcome.reason) };
    default:
      return undefined;
  }
}
