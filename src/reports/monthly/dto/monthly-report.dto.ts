import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';

/** A region code as reports take it: a province (`35`) or a kab/kota (`3514`, `35.14`). */
const plainRegion = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{2}\.\d{2}$/.test(value) ? value.replace('.', '') : value);

export class MonthlyReportQuery {
  /** A province (`35`) or kab/kota (`3510` or `35.10`) within your scope; default: your scope. */
  @ApiPropertyOptional({ example: '3510', pattern: '^\\d{2}(\\.?\\d{2})?$' })
  @IsOptional()
  @Transform(plainRegion)
  @Matches(/^\d{2}(\d{2})?$/, { message: 'region must be a province code such as "35" or a kab/kota code such as "35.10"' })
  region?: string;

  /** The calendar month (`YYYY-MM`, from 2000-01), not after the current one; default: the previous month. */
  @ApiPropertyOptional({ example: '2026-11', pattern: '^(20\\d{2})-(0[1-9]|1[0-2])$' })
  @IsOptional()
  @Matches(/^(20\d{2})-(0[1-9]|1[0-2])$/, { message: 'month must be a month such as 2026-11' })
  month?: string;
}

/** A monthly report the worker's schedule made and stored (its files: `GET /reports/monthly/{id}/pdf|xlsx`). */
export class StoredMonthlyReportResponse {
  id!: string;
  /** Kab/kota or province code. */
  regionCode!: string;
  /** `YYYY-MM`. */
  @ApiProperty({ example: '2026-11' })
  month!: string;
  @ApiProperty({ type: String, format: 'date' })
  from!: string;
  @ApiProperty({ type: String, format: 'date' })
  to!: string;
  /** ISO-8601. */
  generatedAt!: string;
}

export class StoredMonthlyReportListResponse {
  @ApiProperty({ type: [StoredMonthlyReportResponse] })
  items!: StoredMonthlyReportResponse[];
}
