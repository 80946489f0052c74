import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { CaseStage } from '../../../workflows/contracts/case';
import { CASE_STAGES } from '../../../workflows/contracts/case';
import { normalizeKabKotaCode } from '../region-code';
import { IsKabKotaCode } from './open-case.dto';

export class ListCasesQuery {
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

  /** Page size, 1–100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** Number of cases to skip (newest first). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
