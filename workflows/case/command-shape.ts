import type { CaseCommand } from '../contracts/lifecycle';
import {
  ASSESSMENT_DECISIONS,
  CLOSURE_REASONS,
  HEALTH_RESULTS,
  MONITORING_OUTCOMES,
  REINTEGRATION_TYPES,
  SHELTER_TYPES,
} from '../contracts/lifecycle';
import { isPpksCode } from '../domain/ppks';
import { normalizeKabKotaCode } from '../domain/region-code';

/**
 * Shape checks of a command inside the workflow (the API validates first; this guards the workflow
 * against any other caller). Returns the problems; empty means well-formed.
 */
export function commandProblems(c: CaseCommand): string[] {
  const p: string[] = [];
  const text = (v: unknown, name: string) => void ((typeof v !== 'string' || v.trim() === '' || v.length > 2000) && p.push(`${name} must be a non-empty text`));
  const oneOf = (v: unknown, allowed: readonly string[], name: string, optional = false) =>
    void ((optional ? v !== undefined : true) && !allowed.includes(v as string) && p.push(`${name} must be one of ${allowed.join(', ')}`));
  switch (c.action) {
    case 'recordHealthCheck':
      oneOf(c.result, HEALTH_RESULTS, 'result');
      break;
    case 'recordAssessment':
      if (!Array.isArray(c.ppksCategories) || c.ppksCategories.length === 0) p.push('ppksCategories must list at least one PPKS code');
      else if (!c.ppksCategories.every(isPpksCode)) p.push('ppksCategories must be codes PPKS-01 … PPKS-26');
      else if (new Set(c.ppksCategories).size !== c.ppksCategories.length) p.push('ppksCategories must not repeat a code');
      oneOf(c.decision, ASSESSMENT_DECISIONS, 'decision');
      oneOf(c.shelterType, SHELTER_TYPES, 'shelterType', true);
      oneOf(c.reintegrationType, REINTEGRATION_TYPES, 'reintegrationType', true);
      if (c.guardianConsent !== undefined) text(c.guardianConsent.name, 'guardianConsent.name');
      if (c.refusalOverride !== undefined) text(c.refusalOverride, 'refusalOverride');
      break;
    case 'recordReferralRefusal':
      text(c.note, 'note');
      break;
    case 'extendShelterStay':
      if (!Number.isInteger(c.days) || c.days < 1 || c.days > 30) p.push('days must be an integer 1–30');
      text(c.reason, 'reason');
      break;
    case 'leaveShelter':
      oneOf(c.next, ['REHABILITATION', 'REINTEGRATION'], 'next');
      if (c.refusalOverride !== undefined) text(c.refusalOverride, 'refusalOverride');
      oneOf(c.reintegrationType, REINTEGRATION_TYPES, 'reintegrationType', true);
      break;
    case 'completeRehabilitation':
      oneOf(c.reintegrationType, REINTEGRATION_TYPES, 'reintegrationType');
      break;
    case 'acknowledgeRepatriation':
      text(c.receivingOfficer, 'receivingOfficer');
      if (typeof c.receivingRegionCode !== 'string' || normalizeKabKotaCode(c.receivingRegionCode) !== c.receivingRegionCode) p.push('receivingRegionCode must be a plain kab/kota code');
      break;
    case 'recordMonitoringVisit':
      oneOf(c.outcome, MONITORING_OUTCOMES, 'outcome');
      break;
    case 'closeCase':
      oneOf(c.reason, CLOSURE_REASONS, 'reason');
      text(c.note, 'note');
      break;
    default:
      break;
  }
  return p;
}
