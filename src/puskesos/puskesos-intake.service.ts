import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { IntakeChannel, IntakePoint } from '../../workflows/contracts/case';
import { villageInRegion } from '../../workflows/domain/village-code';
import { AgencyEntity } from '../agencies/agency.entity';
import { DomainError } from '../common/errors/domain-error';
import type { IntakePointResponse } from './dto/intake-point.response';

/** The agency code of a village Puskesos (pmks-domain §5.2): the only agency whose officers open cases. */
export const PUSKESOS = 'PUSKESOS';

const invalidVillage = (message: string) => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'villageCode', messages: [message] }]);

/**
 * Where a complaint is taken in. A Puskesos officer opens complaints for their own village only: the
 * agency's `village_code` (set by an admin, docs/puskesos.md) is the intake point, with the agency's
 * name. Staff open cases without one. Ids and codes only in errors (no personal data).
 */
@Injectable()
export class PuskesosIntake {
  constructor(@InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>) {}

  /** The caller's own intake point, or null when they take nothing in (staff). Refuses a Puskesos without a village. */
  async of(actor: Actor): Promise<IntakePoint | null> {
    if (actor.role !== 'AGENCY_OFFICER' || actor.agencyCode !== PUSKESOS || actor.agencyId === null) return null;
    const agency = await this.agencies.findOneBy({ id: actor.agencyId });
    if (agency === null || agency.villageCode === null) throw new DomainError('INTAKE_POINT_UNSET', 'Your Puskesos has no village recorded yet; an administrator sets it');
    return { villageCode: agency.villageCode, name: agency.name, agencyCode: agency.code };
  }

  /**
   * The intake point a new case records, checked against what the request says: a village code given
   * must be a desa/kelurahan of the case's region (400) and, for a Puskesos officer, their own (403).
   * A Puskesos takes complaints in only; staff record no intake point.
   */
  async forOpening(actor: Actor, request: { channel: IntakeChannel; regionCode: string; villageCode?: string }): Promise<IntakePoint | undefined> {
    const { villageCode } = request;
    if (villageCode !== undefined && !villageInRegion(villageCode, request.regionCode)) throw invalidVillage(`villageCode must be a desa/kelurahan of region ${request.regionCode}`);
    const own = await this.of(actor);
    if (own === null) {
      if (villageCode !== undefined) throw invalidVillage('villageCode is recorded by a village Puskesos only (its own village)');
      return undefined;
    }
    if (request.channel !== 'COMPLAINT') throw new DomainError('PERMISSION_DENIED', 'A Puskesos opens complaint cases only (channel COMPLAINT)');
    if (villageCode !== undefined && villageCode !== own.villageCode) throw new DomainError('OUT_OF_SCOPE', "This village is not your Puskesos's village");
    return own;
  }

  async response(actor: Actor): Promise<IntakePointResponse> {
    const point = await this.of(actor);
    return { intakePoint: point === null ? null : { ...point, regionCode: actor.regionCode, channel: 'COMPLAINT' } };
  }
}
