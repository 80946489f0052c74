import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { AGENCY_CODE_FORMAT } from '../../../workflows/domain/agency-codes';
import { PageQuery } from '../../common/page.query';
import type { CaseStage } from '../../../workflows/contracts/case';
import { CASE_STAGES } from '../../../workflows/contracts/case';
import { normalizeKabKotaCode } from '../../../workflows/domain/region-code';
import { FreeText } from '../../common/validation/free-text.decorator';
import { IsKabKotaCode } from '../../common/validation/kab-kota-code.decorator';

/** A case id's shape (8-4-4-4-12 hex digits, any version: imported and seeded ids are not all RFC 4122). */
const CASE_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest search text: a name, an id prefix or a NIK fits well within it. */
export const CASE_SEARCH_MAX = 100;

export class ListCasesQuery extends PageQuery {
  /** Only cases in this stage. */
  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  /** Only cases of this kab/kota (dotted or plain). */
  @ApiPropertyOptional({ example: '35.14' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normalizeKabKotaCode(value) ?? value) : value))
  @IsKabKotaCode()
  regionCode?: string;

  /** Only cases with this PPKS category (`PPKS-01` … `PPKS-26`). */
  @ApiPropertyOptional({ example: 'PPKS-04' })
  @IsOptional()
  @Matches(/^PPKS-(0[1-9]|1[0-9]|2[0-6])$/, { message: 'ppksCategory must be a code PPKS-01 … PPKS-26' })
  ppksCategory?: string;

  /** Only cases whose current stage is this agency's (code from the protocol, e.g. DINKES). */
  @ApiPropertyOptional({ example: 'DINSOS' })
  @IsOptional()
  @Matches(AGENCY_CODE_FORMAT, { message: 'responsibleAgency must be an agency code such as DINSOS' })
  responsibleAgency?: string;

  /** true: only cases past their stage deadline; false: only cases within it. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** true: only repeat cases (their person has a case opened before); false: only first cases and undecided ones. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'repeat must be true or false' })
  repeat?: boolean;

  /**
   * Keyset paging: the page that follows this case in the list's order (newest first). Pass the
   * answer's `nextAfter`. Unlike `offset`, it costs the same on the thousandth page as on the first.
   */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(CASE_ID_SHAPE, { message: 'after must be a case id' })
  after?: string;

  /** Keyset paging backwards: the page that precedes this case. Pass the answer's `previousBefore`. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(CASE_ID_SHAPE, { message: 'before must be a case id' })
  before?: string;
}

/**
 * `POST /cases/search`: the list's filters and paging, plus the search text, in the body — a name or
 * a NIK must never travel in a URL (proxy and browser logs keep URLs).
 */
export class SearchCasesDto extends ListCasesQuery {
  /** A case id prefix, part of the person's name (any letter case) or an exact NIK. */
  @FreeText({ max: CASE_SEARCH_MAX })
  q!: string;
}
