import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { webhookUrlProblem } from '../../activities/webhook-targets';
import { inRegionScope, outOfScope } from '../auth/access';
import { hashSecret, newSecret } from '../auth/secrets';
import type { AppConfig } from '../config/app-config';
import { webhookTargets } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import type { SecurityTarget } from '../security-log/security-event';
import { SecurityLog } from '../security-log/security-log.service';
import { AgencyCredentialEntity } from './agency-credential.entity';
import { AgencyEntity } from './agency.entity';
import type { AgencyResponse, ConfirmedCredentialResponse, CreateAgencyDto, CreateCredentialDto, CredentialResponse, UpdateAgencyDto } from './dto/agency.dto';

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
  status: c.status,
  createdAt: c.createdAt.toISOString(),
  confirmedAt: c.confirmedAt?.toISOString() ?? null,
  confirmedBy: c.confirmedBy,
  revokedAt: c.revokedAt?.toISOString() ?? null,
  lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
});

const agencyTarget = (a: { id: string | null; regionCode: string }): SecurityTarget => ({ kind: 'agency', id: a.id, regionCode: a.regionCode });
const credentialTarget = (agency: AgencyEntity, keyId: string): SecurityTarget => ({ kind: 'credential', id: keyId, regionCode: agency.regionCode });

/** A directory entry is visible inside the actor's scope, and provincial agencies covering it too. */
const absentAgency = () => new DomainError('AGENCY_NOT_FOUND', 'No agency with this id');
const notPending = (status: string) => new DomainError('CREDENTIAL_NOT_PENDING', `This key (${status}) awaits no confirmation`);

function visible(actor: Actor, agency: AgencyEntity): boolean {
  return inRegionScope(actor.regionCode, agency.regionCode) || inRegionScope(agency.regionCode, actor.regionCode);
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(AgencyCredentialEntity) private readonly credentials: Repository<AgencyCredentialEntity>,
    private readonly dataSource: DataSource,
    private readonly log: SecurityLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Agency officers see their own agency only; everyone else the agencies of and around their scope. */
  async list(actor: Actor): Promise<AgencyResponse[]> {
    const rows = await this.agencies.find({ order: { regionCode: 'ASC', code: 'ASC' } });
    return rows.filter((a) => (actor.agencyId === null ? visible(actor, a) : a.id === actor.agencyId)).map(toAgency);
  }

  /** An agency officer sees their own agency; others the agencies of and around their scope. Any other looks absent. */
  async get(actor: Actor, id: string): Promise<AgencyResponse> {
    const agency = await this.load(id);
    const seen = actor.agencyId === null ? visible(actor, agency) : actor.agencyId === agency.id;
    if (!seen) await this.log.refuse(actor, agencyTarget(agency), 'GET /agencies/:id', absentAgency());
    return toAgency(agency);
  }

  /** Every management action below is written to the security log in the transaction that makes it. */
  async create(actor: Actor, dto: CreateAgencyDto): Promise<AgencyResponse> {
    if (!inRegionScope(actor.regionCode, dto.regionCode)) await this.log.refuse(actor, agencyTarget({ id: null, regionCode: dto.regionCode }), 'POST /agencies', outOfScope());
    try {
      return await this.dataSource.transaction(async (m) => {
        const saved = await m.save(m.create(AgencyEntity, { code: dto.code, regionCode: dto.regionCode, name: dto.name }));
        await this.log.record(actor, { action: 'AGENCY_CREATED', outcome: 'DONE', target: agencyTarget(saved), detail: { agencyCode: saved.code } }, m);
        return toAgency(saved);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('AGENCY_EXISTS', 'This region already has an agency with this code');
      }
      throw error;
    }
  }

  /** Renames an agency or sets its webhook (URL and signing secret together). */
  async update(actor: Actor, id: string, dto: UpdateAgencyDto): Promise<AgencyResponse> {
    // A secret alone changes nothing either: it is only stored with a webhookUrl.
    if (dto.name === undefined && dto.webhookUrl === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'Nothing to change', [{ field: '(body)', messages: ['send name or webhookUrl'] }]);
    }
    if (dto.webhookUrl !== undefined && dto.webhookUrl !== null && dto.webhookSecret === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'webhookSecret', messages: ['webhookSecret is required with a webhookUrl'] }]);
    }
    // Production: https to public addresses only (docs/security.md "Deployment safeguards"); delivery checks the resolved address again.
    const problem = typeof dto.webhookUrl === 'string' ? webhookUrlProblem(dto.webhookUrl, webhookTargets(this.config)) : null;
    if (problem !== null) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'webhookUrl', messages: [problem] }]);
    const agency = await this.managed(actor, id, 'PATCH /agencies/:id');
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.webhookUrl !== undefined ? { webhookUrl: dto.webhookUrl, webhookSecret: dto.webhookUrl === null ? null : (dto.webhookSecret ?? null) } : {}),
    };
    await this.dataSource.transaction(async (m) => {
      await m.update(AgencyEntity, { id }, changes);
      const fields = [...(dto.name !== undefined ? ['name'] : []), ...(dto.webhookUrl !== undefined ? ['webhook'] : [])];
      await this.log.record(actor, { action: 'AGENCY_UPDATED', outcome: 'DONE', target: agencyTarget(agency), detail: { agencyCode: agency.code, fields } }, m);
    });
    return toAgency(await this.load(agency.id));
  }

  /** Admins, the supervisors who confirm keys and auditors of the agency's region see its keys and their status. */
  async listCredentials(actor: Actor, agencyId: string): Promise<CredentialResponse[]> {
    await this.managed(actor, agencyId, 'GET /agencies/:id/credentials');
    return (await this.credentials.find({ where: { agencyId }, order: { createdAt: 'ASC' } })).map(toCredential);
  }

  /**
   * Issues an API key for the agency's own system, PENDING_CONFIRMATION and without a secret: it
   * authenticates nothing until a supervisor confirms it (two-person rule, docs/security.md).
   */
  async createCredential(actor: Actor, agencyId: string, dto: CreateCredentialDto): Promise<CredentialResponse> {
    const agency = await this.managed(actor, agencyId, 'POST /agencies/:id/credentials');
    const keyId = `ak-${randomBytes(9).toString('hex')}`;
    return this.dataSource.transaction(async (m) => {
      const { id } = await m.save(m.create(AgencyCredentialEntity, { agencyId, keyId, secretHash: null, label: dto.label, createdBy: actor.id, revokedAt: null, lastUsedAt: null }));
      await this.log.record(actor, { action: 'CREDENTIAL_ISSUED', outcome: 'DONE', target: credentialTarget(agency, keyId), detail: { agencyCode: agency.code } }, m);
      return toCredential(await m.findOneByOrFail(AgencyCredentialEntity, { id }));
    });
  }

  /** A supervisor covering the agency's region vouches for the key: its secret is made now and answered this once. */
  async confirmCredential(actor: Actor, agencyId: string, keyId: string): Promise<ConfirmedCredentialResponse> {
    const agency = await this.managed(actor, agencyId, 'POST /agencies/:id/credentials/:keyId/confirm');
    const credential = await this.credential(agencyId, keyId);
    if (credential.status !== 'PENDING_CONFIRMATION') throw notPending(credential.status);
    const secret = newSecret();
    const saved = await this.dataSource.transaction(async (m) => {
      // Guarded: a revocation or another confirmation meanwhile wins, and no key is issued.
      const { affected } = await m.update(
        AgencyCredentialEntity,
        { id: credential.id, confirmedAt: IsNull(), revokedAt: IsNull() },
        { secretHash: hashSecret(secret), confirmedBy: actor.id, confirmedAt: () => 'now()' },
      );
      if (affected !== 1) throw notPending('no longer pending');
      await this.log.record(actor, { action: 'CREDENTIAL_CONFIRMED', outcome: 'DONE', target: credentialTarget(agency, keyId), detail: { agencyCode: agency.code } }, m);
      return m.findOneByOrFail(AgencyCredentialEntity, { id: credential.id });
    });
    return { ...toCredential(saved), apiKey: `${keyId}.${secret}` };
  }

  /** Revocation (pending or active keys) applies to the very next request made with the key. Revoking a revoked key changes (and records) nothing. */
  async revokeCredential(actor: Actor, agencyId: string, keyId: string): Promise<void> {
    const agency = await this.managed(actor, agencyId, 'DELETE /agencies/:id/credentials/:keyId');
    const credential = await this.credential(agencyId, keyId);
    if (credential.revokedAt !== null) return;
    await this.dataSource.transaction(async (m) => {
      await m.update(AgencyCredentialEntity, { id: credential.id }, { revokedAt: new Date() });
      await this.log.record(actor, { action: 'CREDENTIAL_REVOKED', outcome: 'DONE', target: credentialTarget(agency, keyId), detail: { agencyCode: agency.code } }, m);
    });
  }

  private async credential(agencyId: string, keyId: string): Promise<AgencyCredentialEntity> {
    const credential = await this.credentials.findOneBy({ agencyId, keyId });
    if (credential === null) throw new DomainError('CREDENTIAL_NOT_FOUND', 'No such credential for this agency');
    return credential;
  }

  private async load(id: string): Promise<AgencyEntity> {
    const agency = await this.agencies.findOneBy({ id });
    if (agency === null) throw absentAgency();
    return agency;
  }

  /** Management (and confirming or listing keys) needs the agency inside the actor's own scope (not merely visible); a refusal is recorded. */
  private async managed(actor: Actor, agencyId: string, route: string): Promise<AgencyEntity> {
    const agency = await this.load(agencyId);
    // Outside the scope an agency looks absent, as a case or a user does.
    if (!inRegionScope(actor.regionCode, agency.regionCode)) await this.log.refuse(actor, agencyTarget(agency), route, absentAgency());
    return agency;
  }
}
