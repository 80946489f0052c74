import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ErasureBasis } from '../../../activities/personal-data-erasure';
import { ERASURE_BASES } from '../../../activities/personal-data-erasure';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import { FreeText } from '../../common/validation/free-text.decorator';

/** Why a person's data is erased (activities/personal-data-erasure.ts has the one list). */
export { ERASURE_BASES };
export type { ErasureBasis };

/** What a legal hold (Pasal 41) keeps the data for. */
export const LEGAL_HOLD_KINDS = ['CHILD_PROTECTION_PROCEEDINGS', 'LAW_ENFORCEMENT', 'OTHER'] as const;
export type LegalHoldKind = (typeof LEGAL_HOLD_KINDS)[number];

/** Why an erasure is refused for now (409 ERASURE_HELD, `details.hold`). */
export const ERASURE_HOLDS = ['LEGAL_HOLD', 'OPEN_CASE', 'RETENTION_PERIOD'] as const;
export type ErasureHold = (typeof ERASURE_HOLDS)[number];

/** `POST /persons/:id/erasure`. */
export class ErasePersonDto {
  /** Why, in the supervisor's words (kept on the person's record only, never in the ledger: it may name the person). */
  @FreeText({ max: TEXT_LIMITS.note, multiline: true })
  reason!: string;

  @ApiProperty({ enum: ERASURE_BASES })
  @IsIn(ERASURE_BASES, { message: `legalBasis must be one of ${ERASURE_BASES.join(', ')}` })
  legalBasis!: ErasureBasis;
}

/** `POST /persons/:id/restriction`. */
export class RestrictPersonDto {
  /** Why processing is restricted (e.g. the person contests the record's accuracy). Kept on the record, not in the ledger. */
  @FreeText({ max: TEXT_LIMITS.note, multiline: true })
  reason!: string;
}

/** `POST /persons/:id/legal-hold`. */
export class LegalHoldDto {
  /** What the hold is for (a court case, an investigation). Kept on the record, not in the ledger. */
  @FreeText({ max: TEXT_LIMITS.note, multiline: true })
  reason!: string;

  @ApiProperty({ enum: LEGAL_HOLD_KINDS })
  @IsIn(LEGAL_HOLD_KINDS, { message: `kind must be one of ${LEGAL_HOLD_KINDS.join(', ')}` })
  kind!: LegalHoldKind;
}

export const DATA_REPORT_FORMATS = ['json'] as const;

/** `GET /persons/:id/data-report`. */
export class DataReportQuery {
  /** The report's format: JSON (the only one so far). */
  @ApiPropertyOptional({ enum: DATA_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DATA_REPORT_FORMATS, { message: `format must be one of ${DATA_REPORT_FORMATS.join(', ')}` })
  format: (typeof DATA_REPORT_FORMATS)[number] = 'json';
}
