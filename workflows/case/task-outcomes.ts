import { z } from 'zod';
import type { CaseCommand } from '../contracts/commands';
import { COMMAND_BODIES, schemaProblems, SEALED_COMMAND_BODIES } from '../contracts/commands';
import { lazily, lazilyFor } from '../contracts/lazy';
import { isSealed, personal, personalPaths } from '../contracts/sealed';
import { HEALTH_RESULTS, MONITORING_OUTCOMES } from '../contracts/lifecycle';
import type { TaskType } from '../contracts/task';
import { freeText, TEXT_LIMITS } from '../domain/free-text';
import { normalizeKabKotaCode } from '../domain/region-code';

/**
 * What an agency reports when it completes a task, one schema per task type: the API validates an
 * outcome with it before sending, and the workflow's validator checks it again. Free text follows the
 * shared rule (domain/free-text.ts); unknown fields are refused (an outcome is stored as given).
 */
const name = () => freeText(TEXT_LIMITS.name);

/**
 * Free text about the person (findings, notes, summaries, reasons) is a personal value: the API seals
 * it under the person's data key (workflows/contracts/sealed.ts); the workflow's validator accepts the
 * sealed form as well as the clear text of older histories. Each schema is built when first used.
 */
function outcomeSchemas(sealed: boolean) {
  const text = () => personal(freeText(TEXT_LIMITS.note, true), sealed);
  const note = () => text().optional();
  return lazily({
    HEALTH_CHECK: () => z.strictObject({ result: z.enum(HEALTH_RESULTS), findings: note() }),
    MEDICAL_TREATMENT: () => z.strictObject({ recovered: z.literal(true, { message: 'must be true once the person has recovered' }), note: note() }),
    ASSESSMENT: () => z.strictObject({ summary: text() }),
    CHILD_PROTECTION: () => z.strictObject({ summary: text() }),
    SHELTER_PLACEMENT: () => z.strictObject({ facility: name(), note: note() }),
    REHABILITATION: () => z.strictObject({ programme: name(), note: note() }),
    VOCATIONAL_TRAINING: () => z.strictObject({ status: z.enum(['ENROLLED', 'COMPLETED']), note: note() }),
    REINTEGRATION_SUPPORT: () => z.strictObject({
      kind: z.enum(['CASH', 'GOODS', 'SERVICE', 'JOB_PLACEMENT']),
      amount: z.number().int('must be a whole number of rupiah').min(0, 'must be a whole number of rupiah').max(1e12).optional(),
      note: note(),
    }),
    REPATRIATION_ACKNOWLEDGEMENT: () => z.strictObject({ receivingOfficer: name(), note: note() }),
    FOLLOW_UP_VISIT: () => z.strictObject({ outcome: z.enum(MONITORING_OUTCOMES), note: note() }),
    /** Completing the intake task is the referral to the regency's unit: why it goes there (the referral's own body). */
    COMPLAINT_INTAKE: () => (sealed ? (SEALED_COMMAND_BODIES.referToRegency as typeof COMMAND_BODIES.referToRegency) : COMMAND_BODIES.referToRegency),
    /** The regency's unit took the complaint on: what it decided (service, programme, letter). */
    REGENCY_REFERRAL: () => z.strictObject({ note: note() }),
    /** The child-protection agency acknowledges the notice of a child's repeat (what it will do, optionally). */
    REPEAT_CHILD_NOTICE: () => z.strictObject({ note: note() }),
  } satisfies Record<TaskType, () => z.ZodType>);
}

/** The outcomes as the API takes them (and OpenAPI publishes them): personal text in clear. */
export const OUTCOME_SCHEMAS = outcomeSchemas(false);
const SEALED_OUTCOME_SCHEMAS: Record<TaskType, z.ZodType> = outcomeSchemas(true);

/** Where each outcome holds personal values (what the API seals before sending it). */
export const OUTCOME_PERSONAL_PATHS: Record<TaskType, string[][]> = lazilyFor(Object.keys(OUTCOME_SCHEMAS) as TaskType[], (type) => personalPaths(OUTCOME_SCHEMAS[type]));

/** A task outcome as an agency reports it; its shape depends on the task type. */
export type TaskOutcome = Record<string, unknown>;

/** What is wrong with an outcome for this task type (empty: it fits), as `outcome.<field> <message>`. */
export function outcomeProblems(type: TaskType, outcome: unknown): string[] {
  return schemaProblems(SEALED_OUTCOME_SCHEMAS[type], outcome, 'outcome').map((p) => `${p.field} ${p.message}`);
}

/** The case command an outcome implies ("the case moves on by itself"), if any. */
export function commandFor(type: TaskType, outcome: TaskOutcome, receivingRegionCode: string): CaseCommand | undefined {
  switch (type) {
    case 'HEALTH_CHECK':
      return { action: 'recordHealthCheck', result: outcome.result as 'FIT', ...(outcome.findings !== undefined ? { findings: outcome.findings as string } : {}) };
    case 'MEDICAL_TREATMENT':
      return { action: 'recordRecovery' };
    case 'REPATRIATION_ACKNOWLEDGEMENT':
      return normalizeKabKotaCode(receivingRegionCode) === undefined
        ? undefined
        : { action: 'acknowledgeRepatriation', receivingOfficer: String(outcome.receivingOfficer), receivingRegionCode };
    case 'FOLLOW_UP_VISIT':
      return { action: 'recordMonitoringVisit', outcome: outcome.outcome as 'STABLE' };
    case 'COMPLAINT_INTAKE':
      return { action: 'referToRegency', reason: (isSealed(outcome.reason) ? outcome.reason : String(outcome.reason)) as string };
    default:
      return undefined;
  }
}
