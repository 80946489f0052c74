import type { CaseCommand } from '../contracts/lifecycle';
import { HEALTH_RESULTS, MONITORING_OUTCOMES } from '../contracts/lifecycle';
import type { TaskType } from '../contracts/task';
import { normalizeKabKotaCode } from '../domain/region-code';

/** A task outcome as an agency reports it; its shape depends on the task type (see outcomeProblems). */
export type TaskOutcome = Record<string, unknown>;

const isText = (v: unknown, max = 2000): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const REQUIRED: Record<TaskType, [string, (v: unknown) => boolean, string][]> = {
  HEALTH_CHECK: [['result', (v) => (HEALTH_RESULTS as readonly unknown[]).includes(v), `one of ${HEALTH_RESULTS.join(', ')}`]],
  MEDICAL_TREATMENT: [['recovered', (v) => v === true, 'true once the person has recovered']],
  ASSESSMENT: [['summary', (v) => isText(v), 'a non-empty text']],
  CHILD_PROTECTION: [['summary', (v) => isText(v), 'a non-empty text']],
  SHELTER_PLACEMENT: [['facility', (v) => isText(v, 200), 'the name of the facility']],
  REHABILITATION: [['programme', (v) => isText(v, 200), 'the programme joined']],
  VOCATIONAL_TRAINING: [['status', (v) => ['ENROLLED', 'COMPLETED'].includes(v as string), 'ENROLLED or COMPLETED']],
  REINTEGRATION_SUPPORT: [['kind', (v) => ['CASH', 'GOODS', 'SERVICE', 'JOB_PLACEMENT'].includes(v as string), 'one of CASH, GOODS, SERVICE, JOB_PLACEMENT']],
  REPATRIATION_ACKNOWLEDGEMENT: [['receivingOfficer', (v) => isText(v, 200), "the receiving officer's name"]],
  FOLLOW_UP_VISIT: [['outcome', (v) => (MONITORING_OUTCOMES as readonly unknown[]).includes(v), `one of ${MONITORING_OUTCOMES.join(', ')}`]],
};

/** What is wrong with an outcome for this task type (empty: it fits). */
export function outcomeProblems(type: TaskType, outcome: unknown): string[] {
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return ['outcome must be an object'];
  const o = outcome as TaskOutcome;
  const problems = REQUIRED[type].filter(([field, ok]) => !ok(o[field])).map(([field, , expected]) => `outcome.${field} must be ${expected}`);
  if (o.amount !== undefined && !(Number.isInteger(o.amount) && (o.amount as number) >= 0)) problems.push('outcome.amount must be a whole number of rupiah');
  if (o.findings !== undefined && !isText(o.findings)) problems.push('outcome.findings must be a non-empty text');
  return problems;
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
    default:
      return undefined;
  }
}
