import type { OpenCaseInput } from '../contracts/case';
import type { CaseState } from './case-state';
import { orderTask } from './case-stage';

/**
 * The SLRT referral (pmks-domain §5.2; Bantaeng: Puskesos → UPT SPMKS "Sipakatau"): a complaint a
 * village Puskesos took in lands in the Puskesos inbox as an intake task; the Puskesos refers it to the
 * regency's unit (the protocol's COMPLAINT_REFERRAL step), which gets a task of its own. Only cases
 * opened with an intake point under a protocol naming that step take this path. Pure and deterministic.
 */
export function referralAtOpening(input: OpenCaseInput): 'AWAITING' | undefined {
  const unit = input.protocol?.agencies.COMPLAINT_REFERRAL;
  return input.channel === 'COMPLAINT' && input.intakePoint !== undefined && unit !== undefined ? 'AWAITING' : undefined;
}

/** The regency's unit a referral goes to (from the pinned protocol), or null without a referral step. */
export function referralUnit(state: Pick<CaseState, 'protocolDoc'>): string | null {
  return state.protocolDoc?.agencies.COMPLAINT_REFERRAL ?? null;
}

/** At opening: the intake task in the inbox of the agency that takes complaints in (the Puskesos). */
export function orderIntakeTask(state: CaseState, now: string): void {
  if (state.facts.regencyReferral !== 'AWAITING' || state.protocolDoc === null) return;
  orderTask(state, now, 'COMPLAINT_INTAKE', state.protocolDoc.agencies.INTAKE_COMPLAINT, state.regionCode);
}

/** On referral: the regency's unit gets the complaint as a task of its own. */
export function orderReferralTask(state: CaseState, now: string): void {
  const unit = referralUnit(state);
  if (unit !== null) orderTask(state, now, 'REGENCY_REFERRAL', unit, state.regionCode);
}
