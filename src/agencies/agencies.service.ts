import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { inRegionScope, requireOwnAgency, requireRegion } from '../auth/access';
import { hashSecret, newSecret } from '../auth/secrets';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { AgencyCredentialEntity } from './agency-credential.entity';
import { AgencyEntity } from './agency.entity';
import type { AgencyResponse, CreateAgencyDto, CreateCredentialDto, CreatedCredentialResponse, CredentialResponse, UpdateAgencyDto } from './dto/agency.dto';

const toAgency = ({ id, code, regionCode, name, active, webhookUrl }: AgencyEntity): AgencyResponse => ({
  id,
  code,
  regionCode,
  name,
  active,
  webhookConfigured: webhookUrl !== null && webhookUrl !== undefined,
});
const toCredential = (c: AgencyCredentialEntity): CredentialResponse => ({
  keyId: c.keyId,
  label: c.label,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
});

/** A directory entry is visible inside the actor's scope, and provincial agencies covering it too. */
function visible(actor: Actor, agency: AgencyEntity): boolean {
  return inRegionScope(actor.regionCode, agency.regionCode) || inRegionScope(agency.regionCode, actor.regionCode);
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(AgencyCredentialEntity) private readonly credentials: Repository<AgencyCredentialEntity>,
  ) {}

  /** Agency officers see their own agency only; everyone else the agencies of and around their scope. */
  async list(actor: Actor): Promise<AgencyResponse[]> {
    const rows = await this.agencies.find({ order: { regionCode: 'ASC', code: 'ASC' } });
    return rows.filter((a) => (actor.agencyId === null ? visible(actor, a) : a.id === actor.agencyId)).map(toAgency);
  }

  async get(actor: Actor, id: string): Promise<AgencyResponse> {
    const agency = await this.load(id);
    requireOwnAgency(actor, agency.id);
    if (!visible(actor, agency)) requireRegion(actor, agency.regionCode);
    return toAgency(agency);
  }

  async create(actor: Actor, dto: CreateAgencyDto): Promise<AgencyResponse> {
    requireRegion(actor, dto.regionCode);
    try {
      return toAgency(await this.agencies.save(this.agencies.create({ code: dto.code, regionCode: dto.regionCode, name: dto.name })));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('AGENCY_EXISTS', 'This region already has an agency with this code');
      }
      throw error;
    }
  }

  /** Renames an agency or sets its webhook (URL and signing secret together). */
  async update(actor: Actor, id: string, dto: UpdateAgencyDto): Promise<AgencyResponse> {
    const agency = await this.managed(actor, id);
    if (dto.webhookUrl !== undefined && dto.webhookUrl !== null && dto.webhookSecret === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'webhookSecret', messages: ['webhookSecret is required with a webhookUrl'] }]);
    }
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.webhookUrl !== undefined ? { webhookUrl: dto.webhookUrl, webhookSecret: dto.webhookUrl === null ? null : (dto.webhookSecret ?? null) } : {}),
    };
    // A secret alone changes nothing either: it is only stored with a webhookUrl.
    if (Object.keys(changes).length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'Nothing to change', [{ field: '(body)', messages: ['send name or webhookUrl'] }]);
    }
    await this.agencies.update({ id }, changes);
    return toAgency(await this.load(agency.id));
  }

  async listCredentials(actor: Actor, agencyId: string): Promise<CredentialResponse[]> {
    await this.managed(actor, agencyId);
    return (await this.credentials.find({ where: { agencyId }, order: { createdAt: 'ASC' } })).map(toCredential);
  }

  /** Issues an API key for the agency's own system; the secret is returned this once. */
  async createCredential(actor: Actor, agencyId: string, dto: CreateCredentialDto): Promise<CreatedCredentialResponse> {
    await this.managed(actor, agencyId);
    const keyId = `ak-${randomBytes(9).toString('hex')}`;
    const secret = newSecret();
    const saved = await this.credentials.save(
      this.credentials.create({ agencyId, keyId, secretHash: hashSecret(secret), label: dto.label, createdBy: actor.id, revokedAt: null, lastUsedAt: null }),
    );
    return { ...toCredential(saved), apiKey: `${keyId}.${secret}` };
  }

  /** Revocation applies to the very next request made with the key. */
  async revokeCredential(actor: Actor, agencyId: string, keyId: string): Promise<void> {
    await this.managed(actor, agencyId);
    const credential = await this.credentials.findOneBy({ agencyId, keyId });
    if (credential === null) throw new DomainError('CREDENTIAL_NOT_FOUND', 'No such credential for this agency');
    if (credential.revokedAt === null) await this.credentials.update({ id: credential.id }, { revokedAt: new Date() });
  }

  private async load(id: string): Promise<AgencyEntity> {
    const agency = await this.agencies.findOneBy({ id });
    if (agency === null) throw new DomainError('AGENCY_NOT_FOUND', 'No agency with this id');
    return agency;
  }

  /** Management needs the agency inside the actor's own scope (not merely visible). */
  private async managed(actor: Actor, agencyId: string): Promise<AgencyEntity> {
    const agency = await this.load(agencyId);
    requireRegion(actor, agency.regionCode);
    return agency;
  }
}
