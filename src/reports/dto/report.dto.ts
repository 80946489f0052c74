import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, MaxLength, ValidateBy } from 'class-validator';
import { AGENCY_CODE_FORMAT } from '../../../workflows/domain/agency-codes';
import { PageQuery } from '../../common/page.query';
import type { DrillDownFigure } from '../reports.service';
import { DRILL_DOWN_FIGURES, REPORT_SECTIONS } from '../reports.service';
import type { ReportSection } from '../reports.service';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** A calendar date that exists as written (`2026-02-30` does not), from 2000 to 2100 (the database reads every one alike). */
const isDate = (value: unknown): boolean =>
  typeof value === 'string' && DATE.test(value) && value >= '2000-01-01' && value <= '2100-12-31' && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

function IsReportDate(): PropertyDecorator {
  return ValidateBy({ name: 'isReportDate', validator: { validate: isDate, defaultMessage: (a) => `${a?.property ?? 'value'} must be a date from 2000-01-01 to 2100-12-31 such as 2026-11-01` } });
}

/** A region code as reports take it: a province (`35`) or a kab/kota (`3514`, `35.14`). */
const plainRegion = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{2}\.\d{2}$/.test(value) ? value.replace('.', '') : value);

export class ReportQuery {
  /** A province (`35`) or kab/kota (`3514` or `35.14`) within your scope; default: your scope. */
  @ApiPropertyOptional({ example: '3510', pattern: '^\\d{2}(\\.?\\d{2})?$' })
  @IsOptional()
  @Transform(plainRegion)
  @Matches(/^\d{2}(\d{2})?$/, { message: 'region must be a province code such as "35" or a kab/kota code such as "35.10"' })
  region?: string;

  /** First day of the period (inclusive), in the region's own time zone; default: the first of the month. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-11-01' })
  @IsOptional()
  @IsReportDate()
  from?: string;

  /** Last day of the period (inclusive); default: today. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-11-30' })
  @IsOptional()
  @IsReportDate()
  to?: string;

  /** Only cases with this PPKS category. */
  @ApiPropertyOptional({ example: 'PPKS-01' })
  @IsOptional()
  @Matches(/^PPKS-(0[1-9]|1[0-9]|2[0-6])$/, { message: 'category must be a code PPKS-01 … PPKS-26' })
  category?: string;

  /** Only what concerns this agency (caseload, stage times, tasks, escalations; docs/reports.md). */
  @ApiPropertyOptional({ example: 'DINKES' })
  @IsOptional()
  @Matches(AGENCY_CODE_FORMAT, { message: 'agency must be an agency code such as DINSOS' })
  agency?: string;
}

export class ReportCasesQuery extends IntersectionType(PageQuery, ReportQuery) {
  @ApiProperty({ enum: DRILL_DOWN_FIGURES })
  @IsIn(DRILL_DOWN_FIGURES)
  figure!: DrillDownFigure;

  /** The row of the figure (a channel, category, village code…). */
  @ApiProperty({ example: 'RAZIA', maxLength: 64, pattern: '^[A-Za-z0-9_.+-]{1,64}$' })
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_.+-]{1,64}$/, { message: 'key must be a row key of the figure (letters, digits, "_", "-", "+", ".")' })
  key!: string;
}

export class FigureColumnResponse {
  key!: string;
  @ApiProperty({ enum: ['count', 'hours', 'percent'] })
  kind!: 'count' | 'hours' | 'percent';
  @ApiPropertyOptional({ description: 'For hours and percent: the count column they are computed over' })
  base?: string;
  @ApiPropertyOptional({ description: 'For percent: the count column that is its numerator' })
  part?: string;
}

export class FigureRowResponse {
  key!: string;
  @ApiPropertyOptional({ description: "A name for the key (a village's name, a case worker's login)" })
  label?: string;
  /** One per column: a number, "<5" for a suppressed count (1–4), or null (not computable, or over a base below 5). */
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'number' }, { type: 'string', enum: ['<5'] }], nullable: true } })
  cells!: (number | '<5' | null)[];
}

export class FigureResponse {
  /** Which figure (docs/reports.md defines each), e.g. `opened.byChannel`. */
  id!: string;
  @ApiProperty({ type: [FigureColumnResponse] })
  columns!: FigureColumnResponse[];
  @ApiProperty({ type: [FigureRowResponse] })
  rows!: FigureRowResponse[];
  /** The cases behind a row can be listed through `GET /reports/cases`. */
  drillDown!: boolean;
}

export class ReportResponse {
  @ApiProperty({ enum: REPORT_SECTIONS })
  section!: ReportSection;
  /** Kab/kota (4 digits), province (2) or "" for the whole country. */
  region!: string;
  @ApiProperty({ format: 'date' })
  from!: string;
  @ApiProperty({ format: 'date' })
  to!: string;
  @ApiProperty({ enum: ['WIB', 'WITA', 'WIT'] })
  zone!: 'WIB' | 'WITA' | 'WIT';
  @ApiProperty({ type: String, nullable: true })
  category!: string | null;
  @ApiProperty({ type: String, nullable: true })
  agency!: string | null;
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;
  @ApiProperty({ type: [FigureResponse] })
  figures!: FigureResponse[];
}

export class ReportCaseResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  regionCode!: string;
  channel!: string;
  stage!: string;
  @ApiProperty({ type: [String] })
  categories!: string[];
  @ApiProperty({ format: 'date-time' })
  openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;
}

export class ReportCasesResponse {
  @ApiProperty({ type: [ReportCaseResponse] })
  items!: ReportCaseResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}
