import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import type {
  AssessmentDecision,
  ClosureReason,
  HealthResult,
  MonitoringOutcome,
  ReintegrationType,
  ShelterType,
} from '../../../workflows/contracts/lifecycle';
import {
  ASSESSMENT_DECISIONS,
  CLOSURE_REASONS,
  HEALTH_RESULTS,
  MONITORING_OUTCOMES,
  REINTEGRATION_TYPES,
  SHELTER_TYPES,
} from '../../../workflows/contracts/lifecycle';
import { isPpksCode } from '../../../workflows/domain/ppks';
import { normalizeKabKotaCode } from '../../../workflows/domain/region-code';
import { IsKabKotaCode } from './open-case.dto';
import { OptionalNotNull } from '../../common/optional-not-null';

const NOTE = 2000;

export class NoBody {}

export class RecordHealthCheckDto {
  /** FIT continues to assessment; NEEDS_TREATMENT and REFERRED_TO_HOSPITAL put social handling on hold until recovery. */
  @ApiProperty({ enum: HEALTH_RESULTS })
  @IsIn(HEALTH_RESULTS)
  result!: HealthResult;

  /** Clinical findings (health data: visible to the case team only). */
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  findings?: string;
}

export class RecordRecoveryDto {
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  note?: string;
}

export class GuardianConsentDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ['PARENT', 'GUARDIAN', 'INSTITUTION'] })
  @IsIn(['PARENT', 'GUARDIAN', 'INSTITUTION'])
  relationship!: 'PARENT' | 'GUARDIAN' | 'INSTITUTION';
}

export class RecordAssessmentDto {
  /** PPKS categories (`PPKS-01` … `PPKS-26`), at least one, no repeats. */
  @ApiProperty({ example: ['PPKS-11', 'PPKS-12'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(26)
  @ArrayUnique()
  @ValidateBy({ name: 'isPpksCodes', validator: { validate: (v: unknown) => Array.isArray(v) && v.every((c) => typeof c === 'string' && isPpksCode(c)), defaultMessage: () => 'ppksCategories must be codes PPKS-01 … PPKS-26' } })
  ppksCategories!: string[];

  /** SHELTER, REHABILITATION (e.g. a household helped at home) or REINTEGRATION (straight home). */
  @ApiProperty({ enum: ASSESSMENT_DECISIONS })
  @IsIn(ASSESSMENT_DECISIONS)
  decision!: AssessmentDecision;

  /** Required as CHILD for children: never sheltered with adults. */
  @ApiPropertyOptional({ enum: SHELTER_TYPES })
  @IsOptional()
  @IsIn(SHELTER_TYPES)
  shelterType?: ShelterType;

  /** Required when the decision is REINTEGRATION; REPATRIATION for a person from another region. */
  @ApiPropertyOptional({ enum: REINTEGRATION_TYPES })
  @IsOptional()
  @IsIn(REINTEGRATION_TYPES)
  reintegrationType?: ReintegrationType;

  /** Required for a child (UU 27/2022 Pasal 25): who consented, in what capacity. Not null. */
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianConsentDto)
  guardianConsent?: GuardianConsentDto;

  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  summary?: string;

  /** Required to refer to rehabilitation after the person refused referral: why it goes ahead anyway. */
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  refusalOverride?: string;
}

export class NoteDto {
  @IsString()
  @Length(1, NOTE)
  note!: string;
}

export class ExtendShelterStayDto {
  @IsInt()
  @Min(1)
  @Max(30)
  days!: number;

  @IsString()
  @Length(1, NOTE)
  reason!: string;
}

export class LeaveShelterDto {
  @ApiProperty({ enum: ['REHABILITATION', 'REINTEGRATION'] })
  @IsIn(['REHABILITATION', 'REINTEGRATION'])
  next!: 'REHABILITATION' | 'REINTEGRATION';

  @ApiPropertyOptional({ enum: REINTEGRATION_TYPES })
  @IsOptional()
  @IsIn(REINTEGRATION_TYPES)
  reintegrationType?: ReintegrationType;

  /** Required to go to rehabilitation after the person refused referral: why it goes ahead anyway. */
  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  refusalOverride?: string;
}

export class CompleteRehabilitationDto {
  @ApiProperty({ enum: REINTEGRATION_TYPES })
  @IsIn(REINTEGRATION_TYPES)
  reintegrationType!: ReintegrationType;
}

export class AcknowledgeRepatriationDto {
  /** The receiving officer of the home region's Dinsos. */
  @IsString()
  @Length(1, 200)
  receivingOfficer!: string;

  /** The home region (kab/kota) receiving the person; the caller must belong to it. */
  @ApiProperty({ example: '32.72' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normalizeKabKotaCode(value) ?? value) : value))
  @IsKabKotaCode()
  receivingRegionCode!: string;
}

export class RecordMonitoringVisitDto {
  @ApiProperty({ enum: MONITORING_OUTCOMES })
  @IsIn(MONITORING_OUTCOMES)
  outcome!: MonitoringOutcome;

  @IsOptional()
  @IsString()
  @Length(1, NOTE)
  note?: string;
}

export class CloseCaseDto {
  /** COMPLETED from monitoring; an exit reason from any open stage. */
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;

  @IsString()
  @Length(1, NOTE)
  note!: string;
}
