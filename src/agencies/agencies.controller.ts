import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { AgenciesService } from './agencies.service';
import { AgencyQueueService } from './agency-queue.service';
import { KNOWN_AGENCY_CODES } from '../../workflows/domain/agency-codes';
import { DomainError } from '../common/errors/domain-error';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { AgencyQueueResponse, AgencyResponse, ConfirmedCredentialResponse, CreateAgencyDto, CreateCredentialDto, CredentialResponse, UpdateAgencyDto } from './dto/agency.dto';

const agencyCodePipe = new ParseEnumPipe(Object.fromEntries(KNOWN_AGENCY_CODES.map((c) => [c, c])), {
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'code', messages: [`code must be one of ${KNOWN_AGENCY_CODES.join(', ')}`] }]),
});

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly queues: AgencyQueueService,
  ) {}

  /** Backlog of an agency's queue (tasks waiting for its worker, oldest waiting, workers polling) and your region's inbox. */
  @Get(':code/queue')
  @Authenticated({ permission: 'agency.queue' })
  @ApiOkResponse({ type: AgencyQueueResponse })
  @ReachesTemporal()
  queue(@CurrentActor() actor: Actor, @Param('code', agencyCodePipe) code: string): Promise<AgencyQueueResponse> {
    return this.queues.describe(actor, code);
  }

  /** The agencies of your region (agency officers: their own agency). */
  @Get()
  @Authenticated({ permission: 'agency.read' })
  @ApiOkResponse({ type: [AgencyResponse] })
  list(@CurrentActor() actor: Actor): Promise<AgencyResponse[]> {
    return this.agencies.list(actor);
  }

  @Post()
  @Authenticated({ permission: 'agency.manage' })
  @ApiCreatedResponse({ type: AgencyResponse })
  @ApiConflictResponse({ description: 'AGENCY_EXISTS: the region already has an agency with this code' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.create(actor, dto);
  }

  @Get(':id')
  @Authenticated({ permission: 'agency.read' })
  @ApiOkResponse({ type: AgencyResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AgencyResponse> {
    return this.agencies.get(actor, id);
  }

  /** Renames the agency or sets its task webhook (signed with the secret; the secret is never shown). */
  @Patch(':id')
  @Authenticated({ permission: 'agency.manage' })
  @ApiOkResponse({ type: AgencyResponse })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.update(actor, id, dto);
  }

  /** API keys of the agency's own systems, with their status (PENDING_CONFIRMATION: a supervisor's to-do); metadata only, secrets are never shown. */
  @Get(':id/credentials')
  @Authenticated({ permission: 'agency.credential.read' })
  @ApiOkResponse({ type: [CredentialResponse] })
  listCredentials(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CredentialResponse[]> {
    return this.agencies.listCredentials(actor, id);
  }

  /**
   * Issues an API key for the agency's own system. It is PENDING_CONFIRMATION, without a secret, and
   * authenticates nothing until a supervisor of the agency's region confirms it and receives the key.
   */
  @Post(':id/credentials')
  @Authenticated({ permission: 'agency.credential.manage' })
  @ApiCreatedResponse({ type: CredentialResponse })
  createCredential(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateCredentialDto): Promise<CredentialResponse> {
    return this.agencies.createCredential(actor, id, dto);
  }

  /**
   * Confirms a key waiting for a supervisor and answers it (`apiKey`, shown this once), to hand to the
   * agency. Supervisors whose region scope covers the agency's region only.
   */
  @Post(':id/credentials/:keyId/confirm')
  @HttpCode(200)
  @Authenticated({ permission: 'agency.credential.confirm' })
  @ApiOkResponse({ type: ConfirmedCredentialResponse })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND: no such agency in your region scope (outside it looks the same, and is recorded in the security log); CREDENTIAL_NOT_FOUND: no such key of the agency' })
  @ApiConflictResponse({ description: 'CREDENTIAL_NOT_PENDING: the key is already active, or revoked' })
  confirmCredential(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('keyId') keyId: string): Promise<ConfirmedCredentialResponse> {
    return this.agencies.confirmCredential(actor, id, keyId);
  }

  @Delete(':id/credentials/:keyId')
  @Authenticated({ permission: 'agency.credential.manage' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (idempotent)' })
  revokeCredential(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('keyId') keyId: string): Promise<void> {
    return this.agencies.revokeCredential(actor, id, keyId);
  }
}
