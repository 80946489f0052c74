import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Instant } from '../../common/validation/instant.decorator';
import { PageQuery } from '../../common/page.query';
import { TimeRangeQuery } from '../../common/time-range.query';
import type { LedgerOutcome } from '../../../workflows/contracts/ledger';
import { LEDGER_OUTCOMES } from '../../../workflows/contracts/ledger';
import { CaseActorResponse, ProtocolRefResponse } from '../../cases/dto/case.response';

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class StateAtQuery {
  /** ISO-8601 instant, e.g. `2026-11-22T08:00:00Z`: the case as it stood then (workflow time). */
  @Instant()
  at!: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'json';

  /**
   * `true`: the JSON export also holds the personal values opened (section `personal`), next to the
   * records as stored (sealed, so the file still verifies offline); recorded as such in the access log.
   * JSON only.
   */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'personal must be true or false' })
  personal = false;
}

/** Filters of the cross-case event search; every one optional, combined with AND. */
export class AuditFilter extends TimeRangeQuery {
  /** Actor id (a user id, `credential:<keyId>` or `system`). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  /** Agency code the event concerns (a task's agency, or the acting agency). */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'agency must be an agency code such as DINKES' })
  agency?: string;

  /** Ledger action: a command (`recordHealthCheck`), a task action or an event (`stageChanged`, `escalated`, …). */
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,40}$/, { message: 'action must be an action name such as closeCase' })
  action?: string;

  @ApiPropertyOptional({ enum: LEDGER_OUTCOMES })
  @IsOptional()
  @IsIn(LEDGER_OUTCOMES)
  outcome?: LedgerOutcome;

  /** Region code or prefix (province `35`), within your scope. */
  @IsOptional()
  @Matches(/^\d{2}(\d{2})?$/, { message: 'region must be a 2- or 4-digit region code' })
  region?: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

}

export class AuditEventsQuery extends IntersectionType(AuditFilter, PageQuery) {}

export class AuditExportQuery extends IntersectionType(AuditFilter, ExportQuery) {}

/** Whose reads (`actor`), of which case, in which time window (by access time). */
export class AccessLogQuery extends IntersectionType(PickType(AuditFilter, ['caseId', 'actor', 'from', 'to'] as const), PageQuery) {}

export class LedgerRecordResponse {
  caseId!: string;
  seq!: number;
  key!: string;
  action!: string;
  @ApiProperty({ enum: LEDGER_OUTCOMES })
  outcome!: LedgerOutcome;
  actor!: CaseActorResponse;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
  @ApiProperty({ type: String, nullable: true })
  taskKey!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  summary!: string;
  @ApiProperty({ type: Object, nullable: true })
  payload!: Record<string, unknown> | null;
  /** The case after this event (the last event of each change carries it). */
  @ApiProperty({ type: Object, nullable: true })
  snapshot!: object | null;
  regionCode!: string;
  @ApiProperty({ type: ProtocolRefResponse, nullable: true })
  protocol!: ProtocolRefResponse | null;
  occurredAt!: string;
  recordedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  workflowId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  runId!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  eventId!: number | null;
  prevHash!: string;
  hash!: string;
}

export class LedgerPageResponse {
  @ApiProperty({ type: [LedgerRecordResponse] })
  items!: LedgerRecordResponse[];
  /** The matches, counted up to 10,000 (src/common/capped-count.ts); with `totalCapped`, there are more. */
  total!: number;
  /** true: more than `total` match (counting stopped at 10,000); narrow the filter. Always false for one case's history. */
  totalCapped!: boolean;
  limit!: number;
  offset!: number;
}

export class BrokenLinkResponse {
  seq!: number;
  @ApiProperty({ type: String, nullable: true })
  key!: string | null;
  @ApiProperty({ enum: ['MISSING_EVENT', 'PREVIOUS_HASH_MISMATCH', 'HASH_MISMATCH', 'HEAD_MISMATCH'] })
  problem!: string;
  detail!: string;
}

export class VerifyResponse {
  caseId!: string;
  valid!: boolean;
  events!: number;
  @ApiProperty({ type: BrokenLinkResponse, nullable: true })
  firstBroken!: BrokenLinkResponse | null;
  @ApiProperty({ type: Object, nullable: true, description: '{ seq, hash } of the last event as the head row holds it' })
  head!: { seq: number; hash: string } | null;
}

export class AccessEntryResponse {
  id!: string;
  caseId!: string;
  actorId!: string;
  actorName!: string;
  actorRole!: string;
  route!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id the read was answered with' })
  requestId!: string | null;
  accessedAt!: string;
}

export class AccessLogResponse {
  @ApiProperty({ type: [AccessEntryResponse] })
  items!: AccessEntryResponse[];
  /** The matches, counted up to 10,000 (src/common/capped-count.ts); with `totalCapped`, there are more. */
  total!: number;
  /** true: more than `total` match (counting stopped at 10,000); narrow the filter. */
  totalCapped!: boolean;
}
