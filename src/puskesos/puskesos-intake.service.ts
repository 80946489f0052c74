import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { IntakeChannel, IntakePoint } from '../../workflows/contracts/case';
import { villageInRegion } from '../../workflows/domain/village-code';
import { AgencyEntity } from '../agencies/agency.entity';
import { UserEntity } from '../users/user.entity';
import { DomainError } from '../common/errors/domain-error';
import type { IntakePointResponse } from './dto/intake-point.response';

/** The agency code of a village Puskesos (pmks-domain §5.2): the only agency whose officers open cases. */
export const PUSKESOS = 'PUSKESOS';

const invalidVillage = (message: string) => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'villageCode', messages: [message] }]);

const isPuskesosOfficer = (actor: Actor): boolean => actor.role === 'AGENCY_OFFICER' && actor.kind === 'user' && actor.agencyCode === PUSKESOS && actor.agencyId !== null;

/**
 * Where a complaint is taken in. A Puskesos officer opens complaints for their own village only: their
 * post (`app_user.village_code`, set by an admin, docs/puskesos.md) is the intake point, with their
 * agency's name. Several officers of the one PUSKESOS agency of a regency hold posts in several
 * villages. Staff open cases without one. Ids and codes only in errors (no personal data).
 */
@Injectable()
export class PuskesosIntake {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * The village whose intake tasks a Puskesos officer works (their post, read from the account on each
   * request, so a change applies at once); null for everyone else and for an officer without a post.
   */
  async postOf(actor: Actor): Promise<string | null> {
    if (!isPuskesosOfficer(actor)) return null;
    const user = await this.users.findOne({ select: { id: true, villageCode: true }, where: { id: actor.id } });
    return user?.villageCode ?? null;
  }

  /** The caller's own intake point, or null when they take nothing in (staff). Refuses a Puskesos officer without a post. */
  async of(actor: Actor): Promise<IntakePoint | null> {
    if (!isPuskesosOfficer(actor) || actor.agencyId === null) return null;
    const [villageCode, agency] = await Promise.all([this.postOf(actor), this.agencies.findOneBy({ id: actor.agencyId })]);
    if (agency === null || villageCode === null) throw new DomainError('INTAKE_POINT_UNSET', 'You have no Puskesos village recorded yet; an administrator sets it');
    return { villageCode, name: agency.name, agencyCode: agency.code };
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
