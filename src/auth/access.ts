import type { Actor } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';

/**
 * The national scope: the empty region code, the prefix of every code, so it covers every province and
 * kab/kota with the same rule. Only accounts hold it (ADMIN, SUPERVISOR, AUDITOR); an agency, a case or
 * a task always has a province or kab/kota code. See docs/onboarding.md.
 */
export const NATIONAL_SCOPE = '';

/** A region code lies in a scope when the scope is a prefix of it (province `35` covers `3514`; the national scope `''` covers all). */
export function inRegionScope(scope: string, regionCode: string): boolean {
  return regionCode.startsWith(scope);
}

export const outOfScope = (): DomainError => new DomainError('OUT_OF_SCOPE', 'This resource belongs to a region outside your scope');

/** Throws OUT_OF_SCOPE unless the region lies in the actor's region scope. */
export function requireRegion(actor: Actor, regionCode: string): void {
  if (!inRegionScope(actor.regionCode, regionCode)) throw outOfScope();
}
