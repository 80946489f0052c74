import { AGENCY_CODE_FORMAT } from '../../workflows/domain/agency-codes';
import type { Protocol } from '../../workflows/contracts/protocol';
import { ESCALATION_TARGETS, OPTIONAL_PROTOCOL_STEPS, PROTOCOL_STEPS } from '../../workflows/contracts/protocol';
import { parseDuration } from '../../workflows/domain/duration';
import { isRetentionPeriod } from '../../workflows/domain/retention';
import { normalizeKabKotaCode } from '../../workflows/domain/region-code';

/** Thrown at load when a protocol document is invalid; lists every problem with its JSON path. */
export class InvalidProtocolError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid protocol ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidProtocolError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const DEADLINES = ['firstResponse', 'intake', 'healthCheck', 'assessment', 'shelterStay', 'reintegration'] as const;

/** Checks a parsed JSON document against the protocol schema; returns it typed or throws. */
export function validateProtocol(doc: unknown, source: string): Protocol {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(message));
  const duration = (path: string, value: unknown) =>
    need(typeof value === 'string' && parseDuration(value) !== undefined, `${path} must be an ISO-8601 duration in weeks/days/hours/minutes/seconds (e.g. "P7D", "PT4H"); got ${JSON.stringify(value)}`);
  if (!isObject(doc)) throw new InvalidProtocolError(source, ['the document must be a JSON object']);

  need(typeof doc.id === 'string' && (doc.id === 'default' || normalizeKabKotaCode(doc.id) === doc.id), 'id must be "default" or a plain kab/kota code such as "3514"');
  need(Number.isInteger(doc.version) && (doc.version as number) >= 1, 'version must be an integer ≥ 1');
  need(typeof doc.name === 'string' && doc.name.trim() !== '', 'name must be a non-empty string');
  need(doc.regionCode === (doc.id === 'default' ? null : doc.id), 'regionCode must equal id (null for the default protocol)');

  const deadlines = isObject(doc.deadlines) ? doc.deadlines : {};
  need(isObject(doc.deadlines), 'deadlines must be an object');
  for (const key of DEADLINES) {
    if (key === 'firstResponse' && deadlines[key] === null) continue;
    duration(`deadlines.${key}`, deadlines[key]);
  }
  for (const key of Object.keys(deadlines)) need((DEADLINES as readonly string[]).includes(key), `deadlines.${key} is not a known deadline`);

  need(Array.isArray(doc.monitoringVisits) && doc.monitoringVisits.length > 0, 'monitoringVisits must be a non-empty array');
  (Array.isArray(doc.monitoringVisits) ? doc.monitoringVisits : []).forEach((v, i) => duration(`monitoringVisits[${i}]`, v));
  const visits = (Array.isArray(doc.monitoringVisits) ? doc.monitoringVisits : []).map((v) => parseDuration(String(v)) ?? 0);
  need(visits.every((v, i) => i === 0 || v > (visits[i - 1] as number)), 'monitoringVisits must be in increasing order');

  const agencies = isObject(doc.agencies) ? doc.agencies : {};
  for (const step of PROTOCOL_STEPS) {
    need(typeof agencies[step] === 'string' && AGENCY_CODE_FORMAT.test(agencies[step]), `agencies.${step} must be an agency code such as "DINSOS"`);
  }
  for (const step of OPTIONAL_PROTOCOL_STEPS) {
    need(agencies[step] === undefined || (typeof agencies[step] === 'string' && AGENCY_CODE_FORMAT.test(agencies[step])), `agencies.${step} must be an agency code such as "UPT_SPMKS" when given`);
  }
  const steps: readonly string[] = [...PROTOCOL_STEPS, ...OPTIONAL_PROTOCOL_STEPS];
  for (const key of Object.keys(agencies)) need(steps.includes(key), `agencies.${key} is not a known step (${steps.join(', ')})`);

  need(Array.isArray(doc.escalation) && doc.escalation.length > 0, 'escalation must be a non-empty array');
  (Array.isArray(doc.escalation) ? doc.escalation : []).forEach((rung, i) => {
    need(isObject(rung) && (ESCALATION_TARGETS as readonly unknown[]).includes(rung.notify), `escalation[${i}].notify must be one of ${ESCALATION_TARGETS.join(', ')}`);
    duration(`escalation[${i}].after`, isObject(rung) ? rung.after : undefined);
  });
  if (doc.taskAcceptance !== undefined) duration('taskAcceptance', doc.taskAcceptance);
  need(doc.onTaskRejected === undefined || (ESCALATION_TARGETS as readonly unknown[]).includes(doc.onTaskRejected), `onTaskRejected must be one of ${ESCALATION_TARGETS.join(', ')}`);
  need(doc.personalDataRetention === undefined || isRetentionPeriod(doc.personalDataRetention), `personalDataRetention must be an ISO-8601 duration in years/weeks/days/hours/minutes/seconds, not zero, at most 100 years (e.g. "P5Y"); got ${JSON.stringify(doc.personalDataRetention)}`);
  if (doc.repeat !== undefined) repeatProblems(doc.repeat).forEach((p) => problems.push(p));
  need(Array.isArray(doc.regionalSteps) && doc.regionalSteps.every((s) => typeof s === 'string'), 'regionalSteps must be an array of strings');
  need(Array.isArray(doc.sources) && doc.sources.every((s) => typeof s === 'string'), 'sources must be an array of strings');

  if (problems.length > 0) throw new InvalidProtocolError(source, problems);
  return doc as unknown as Protocol;
}

const REPEAT_KEYS = ['withinMonths', 'notifySupervisor', 'assessmentRefersToEarlierPlan', 'childUnder', 'childAgency'];

/** The optional `repeat` section: every field present and typed, nothing unknown. */
function repeatProblems(repeat: unknown): string[] {
  if (!isObject(repeat)) return ['repeat must be an object when given'];
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(message));
  const months = repeat.withinMonths;
  need(Number.isInteger(months) && (months as number) >= 1 && (months as number) <= 120, 'repeat.withinMonths must be an integer from 1 to 120');
  need(typeof repeat.notifySupervisor === 'boolean', 'repeat.notifySupervisor must be true or false');
  need(typeof repeat.assessmentRefersToEarlierPlan === 'boolean', 'repeat.assessmentRefersToEarlierPlan must be true or false');
  const under = repeat.childUnder;
  need(Number.isInteger(under) && (under as number) >= 1 && (under as number) <= 21, 'repeat.childUnder must be an integer age from 1 to 21');
  need(typeof repeat.childAgency === 'string' && AGENCY_CODE_FORMAT.test(repeat.childAgency), 'repeat.childAgency must be an agency code such as "DP3AP2KB"');
  for (const key of Object.keys(repeat)) need(REPEAT_KEYS.includes(key), `repeat.${key} is not a known field (${REPEAT_KEYS.join(', ')})`);
  return problems;
}
