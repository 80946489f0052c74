import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import type { CaseStage } from '../../../workflows/contracts/case';
import { CASE_STAGES } from '../../../workflows/contracts/case';
import { normalizeKabKotaCode } from '../../../workflows/domain/region-code';
import { IsKabKotaCode } from './open-case.dto';

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
}
