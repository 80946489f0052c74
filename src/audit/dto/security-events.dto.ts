import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import { TimeRangeQuery } from '../../common/time-range.query';
import type { SecurityDetail, SecurityOutcome, SecurityTargetKind } from '../../security-log/security-event';
import { SECURITY_ACTIONS, SECURITY_OUTCOMES, SECURITY_TARGET_KINDS } from '../../security-log/security-event';

/** Filters of the security log; every one optional, combined with AND. */
export class SecurityEventFilter extends TimeRangeQuery {
  @ApiPropertyOptional({ example: 'USER_CREATED', examples: [...SECURITY_ACTIONS] })
  @IsOptional()
  @Matches(/^[A-Z][A-Z_]{1,47}$/, { message: 'action must be an action code such as USER_CREATED' })
  action?: string;

  @ApiPropertyOptional({ enum: SECURITY_OUTCOMES })
  @IsOptional()
  @IsIn(SECURITY_OUTCOMES)
  outcome?: SecurityOutcome;

  /** Actor id (a user id, `credential:<keyId>` or `cli`). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ enum: SECURITY_TARGET_KINDS })
  @IsOptional()
  @IsIn(SECURITY_TARGET_KINDS)
  targetKind?: SecurityTargetKind;

  /** Target id: a user, agency, case or task id, or a credential's key id. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  target?: string;

}

export class SecurityEventsQuery extends IntersectionType(SecurityEventFilter, PageQuery) {}

export class SecurityActorResponse {
  id!: string;
  /** Login name, `cli` or an API key's label. */
  name!: string;
  role!: string;
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
}

export class SecurityTargetResponse {
  @ApiProperty({ enum: SECURITY_TARGET_KINDS })
  kind!: SecurityTargetKind;
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true })
  regionCode!: string | null;
}

export class SecurityEventResponse {
  id!: string;
  occurredAt!: string;
  @ApiProperty({ type: SecurityActorResponse, nullable: true, description: 'Null for an anonymous request' })
  actor!: SecurityActorResponse | null;
  @ApiProperty({ example: 'USER_CONFIRMED' })
  action!: string;
  @ApiProperty({ enum: SECURITY_OUTCOMES })
  outcome!: SecurityOutcome;
  @ApiProperty({ type: SecurityTargetResponse, nullable: true })
  target!: SecurityTargetResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id the request was answered with' })
  requestId!: string | null;
  /** Enumerated facts: route and code of a refusal, role, status, changed field names, agency code, code expiry. */
  @ApiProperty({ type: Object })
  detail!: SecurityDetail;
}

export class SecurityEventsResponse {
  @ApiProperty({ type: [SecurityEventResponse] })
  items!: SecurityEventResponse[];
  total!: number;
}
