import type { EntityManager } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { SYSTEM_ACTOR } from '../../workflows/contracts/ledger';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import type { SecurityLog } from '../security-log/security-log.service';
import type { ErasureBasis, LegalHoldKind } from './dto/person-rights.dto';
import type { ErasureResponse, LegalHoldResponse, RestrictionResponse } from './dto/person.response';
import { personAbsent } from './person-decisions.service';

/**
 * The condition a person row must meet to be processed further: matched, linked to a new case, merged
 * (docs/personal-data.md). The matcher and the person decision add it (alias `p`).
 */
export const PROCESSABLE_PERSON_SQL = 'p.erased_at IS NULL AND p.restricted_at IS NULL';

/** The data-subject-rights columns of a person row as pg returns them. */
export interface PersonRightsRow {
  id: string;
  region_code: string;
  merged_into: string | null;
  erased_at: Date | null;
  erased_by_id: string | null;
  erased_by_name: string | null;
  erasure_basis: ErasureBasis | null;
  erasure_reason: string | null;
  restricted_at: Date | null;
  restricted_by_name: string | null;
  restriction_reason: string | null;
  legal_hold_at: Date | null;
  legal_hold_by_name: string | null;
  legal_hold_kind: LegalHoldKind | null;
  legal_hold_reason: string | null;
}

export const PERSON_RIGHTS_COLUMNS = `p.id, p.region_code, p.merged_into, p.erased_at, p.erased_by_id, p.erased_by_name, p.erasure_basis, p.erasure_reason,
  p.restricted_at, p.restricted_by_name, p.restriction_reason, p.legal_hold_at, p.legal_hold_by_name, p.legal_hold_kind, p.legal_hold_reason`;

export const erasureOf = (r: PersonRightsRow): ErasureResponse | null =>
  r.erased_at === null ? null : { at: r.erased_at.toISOString(), byName: r.erased_by_name ?? '', bySystem: r.erased_by_id === SYSTEM_ACTOR.id, legalBasis: r.erasure_basis as ErasureBasis };

export const restrictionOf = (r: PersonRightsRow): RestrictionResponse | null =>
  r.restricted_at === null ? null : { at: r.restricted_at.toISOString(), byName: r.restricted_by_name ?? '', reason: r.restriction_reason ?? '' };

export const legalHoldOf = (r: PersonRightsRow): LegalHoldResponse | null =>
  r.legal_hold_at === null ? null : { at: r.legal_hold_at.toISOString(), byName: r.legal_hold_by_name ?? '', kind: r.legal_hold_kind as LegalHoldKind, reason: r.legal_hold_reason ?? '' };

export const personErased = (): DomainError => new DomainError('PERSON_ERASED', 'This person\'s data was erased');
export const processingRestricted = (): DomainError => new DomainError('PROCESSING_RESTRICTED', 'Processing of this person\'s data is restricted; lift the restriction first');

/**
 * The person locked for a rights change: absent or out of the actor's scope → 404 (the latter
 * security-logged under `route`); merged into another → 409 PERSON_MERGED; erased → 409 PERSON_ERASED.
 */
export async function lockedPerson(m: EntityManager, security: SecurityLog, actor: Actor, id: string, route: string): Promise<PersonRightsRow> {
  const [p] = await m.query<PersonRightsRow[]>(`SELECT ${PERSON_RIGHTS_COLUMNS} FROM person p WHERE p.id = $1 FOR UPDATE`, [id]);
  if (p === undefined) throw personAbsent();
  if (!inRegionScope(actor.regionCode, p.region_code)) await security.refuse(actor, { kind: 'person', id, regionCode: p.region_code }, route, personAbsent());
  if (p.merged_into !== null) throw new DomainError('PERSON_MERGED', 'This person was merged into another; act on that one', undefined, undefined, { mergedInto: p.merged_into });
  if (p.erased_at !== null) throw personErased();
  return p;
}
