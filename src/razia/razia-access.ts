import type { Actor } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';

/** The agency whose officers conduct razia (Satpol PP, the public-order police of the kab/kota). */
export const RAZIA_AGENCY_CODE = 'SATPOL_PP';

/**
 * The permission table grants razia routes to agency officers as a role; of them only Satpol PP's
 * record and read razia (the table has no column for an agency). Refused like any missing permission.
 */
export function requireRaziaActor(actor: Actor): void {
  if (actor.role === 'AGENCY_OFFICER' && actor.agencyCode !== RAZIA_AGENCY_CODE) {
    throw new DomainError('PERMISSION_DENIED', 'Of agency officers, only those of Satpol PP record and read razia');
  }
}
