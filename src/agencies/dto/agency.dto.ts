import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, Matches, ValidateIf } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { FreeText } from '../../common/validation/free-text.decorator';
import { IsRegionScope, RegionScopeTransform } from '../../users/dto/user.dto';
import { AGENCY_CODE_FORMAT, KNOWN_AGENCY_CODES } from '../../../workflows/domain/agency-codes';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import type { CredentialStatus } from '../credential-status';
import { CREDENTIAL_STATUSES } from '../credential-status';

export class CreateAgencyDto {
  /** Agency code, e.g. one of the domain's: SATPOL_PP, DINSOS, DINKES, DISNAKER, DP3AP2KB, DISDIK, DUKCAPIL, FORUM_CSR, PUSKESOS, POLRI, UPT_SPMKS. */
  @ApiProperty({ example: 'DINSOS', examples: [...KNOWN_AGENCY_CODES] })
  @Matches(AGENCY_CODE_FORMAT, { message: 'code must be 2–32 of A–Z, 0–9 and "_", starting with a letter' })
  code!: string;

  /** The agency's region: kab/kota (`35.14`) or province (`35`) for provincial bodies. */
  @ApiProperty({ example: '35.14' })
  @RegionScopeTransform()
  @IsRegionScope()
  regionCode!: string;

  /** The agency's name, e.g. "Dinas Kesehatan Kabupaten Pasuruan". */
  @FreeText({ max: TEXT_LIMITS.name })
  name!: string;
}

export class AgencyResponse {
  id!: string;
  code!: string;
  regionCode!: string;
  name!: string;
  active!: boolean;
  /** Whether task notifications go to a webhook (the URL and secret are not shown). */
  webhookConfigured!: boolean;
}

export class UpdateAgencyDto {
  /** Omit to keep the name (null is refused: an agency always has one). */
  @FreeText({ max: TEXT_LIMITS.name, optional: true })
  name?: string;

  /**
   * http(s) URL receiving signed task notifications; null removes the webhook. In production
   * (`SINERGI_WEBHOOK_TARGETS=public-https`) https to a public host only: loopback, private, link-local
   * and other internal addresses and local names are refused (400 on `webhookUrl`).
   */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://simrs.example.go.id/sinergi/tasks' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  webhookUrl?: string | null;

  /** Signing secret (16–200 characters); required when setting a webhook URL. Never returned. */
  @OptionalNotNull()
  @IsString()
  @Length(16, 200)
  webhookSecret?: string;
}

export class CreateCredentialDto {
  /** What the key is for, e.g. "SIMRS Dinkes integration". */
  @FreeText({ max: TEXT_LIMITS.name })
  label!: string;
}

/** An API key's metadata; the secret is never shown here. */
export class CredentialResponse {
  keyId!: string;
  label!: string;
  /** PENDING_CONFIRMATION: waiting for a supervisor of the agency's region (authenticates nothing); ACTIVE; REVOKED. */
  @ApiProperty({ enum: CREDENTIAL_STATUSES })
  status!: CredentialStatus;
  /** ISO-8601. */
  createdAt!: string;
  /** When a supervisor confirmed the key (ISO-8601); null while pending. */
  @ApiPropertyOptional({ type: String, nullable: true })
  confirmedAt!: string | null;
  /**
   * The confirming supervisor's user id. Null on an ACTIVE key: issued before the two-person rule and
   * never confirmed by anyone (an admin held it); revoke it and issue a confirmed one.
   */
  @ApiPropertyOptional({ type: String, nullable: true })
  confirmedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  revokedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  lastUsedAt!: string | null;
}

/** The answer to a supervisor's confirmation: the only one that ever holds the key. */
export class ConfirmedCredentialResponse extends CredentialResponse {
  /** Send as `X-Api-Key`. Shown once: only a hash is stored. */
  apiKey!: string;
}

export class AgencyInboxSummary {
  open!: number;
  claimed!: number;
  overdue!: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  oldestOpenSince!: string | null;
}

export class AgencyWebhookSummary {
  delivered!: number;
  failing!: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  lastError!: string | null;
}

/** One region's queue of the agency in Temporal. */
export class AgencyRegionQueue {
  regionCode!: string;
  /** The Temporal task queue, e.g. `agency-3514-dinkes`. */
  taskQueue!: string;
  /** Tasks dispatched but not yet taken by the agency's worker (a stopped worker makes this grow). */
  waitingForWorker!: number;
  /** Age of the oldest task waiting for the worker. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  oldestWaitingSeconds!: number | null;
  /** Workers seen polling the queue recently (Temporal remembers pollers for a few minutes); 0: nobody receives this region's tasks. */
  workersRecentlyPolling!: number;
}

export class AgencyQueueResponse {
  agencyCode!: string;
  /** The agency's queue in each region of your scope. */
  @ApiProperty({ type: [AgencyRegionQueue] })
  queues!: AgencyRegionQueue[];
  /** Tasks waiting for the agency's workers, over the regions. */
  waitingForWorker!: number;
  /** Age of the oldest task waiting, over the regions. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  oldestWaitingSeconds!: number | null;
  /** The fewest workers polling any one region's queue; 0: some region's tasks reach nobody. */
  workersRecentlyPolling!: number;
  /** Webhook deliveries of your region for this agency: delivered, still failing, last error. */
  webhook!: AgencyWebhookSummary;
  /** The inbox of your region for this agency. */
  inbox!: AgencyInboxSummary;
}
