import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsUUID, Matches, ValidateBy, ValidateNested } from 'class-validator';
import type { Sex } from '../../../workflows/contracts/case';
import { SEXES } from '../../../workflows/contracts/case';
import { freeTextProblem, normalizeFreeText, SINGLE_LINE_PATTERN, TEXT_LIMITS } from '../../../workflows/domain/free-text';
import { OptionalNotNull } from '../../common/optional-not-null';
import { FreeText } from '../../common/validation/free-text.decorator';
import { IsKabKotaCode, toPlainKabKotaCode } from '../../common/validation/kab-kota-code.decorator';
import { GuardianDto } from './guardian.dto';

/** `POST /cases/:id/person`: exactly one of `personId` (link to that person) and `newPerson: true`. */
export class DecidePersonDto {
  /** The registered person the case is about. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  /** true: nobody registered is this person; register them from the case's person data. */
  @ApiPropertyOptional({ type: Boolean, enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'newPerson must be true when given' })
  newPerson?: true;
}

export class MergePersonsDto {
  /** The other record of the same person: its cases move to this one; it is kept, marked merged. */
  @IsUUID('all', { message: 'otherPersonId must be a UUID' })
  otherPersonId!: string;
}

/** A name (part of one, any spelling) or a whole NIK — in the body, never in a URL. */
export class SearchPersonsDto {
  @FreeText({ max: 100 })
  q!: string;
}

/** Most other names a person keeps, and the longest: enough for street names and spellings, bounded for the matcher. */
export const ALIAS_LIMITS = { count: 10, length: 100 } as const;

/** Each alias read like any free text (NFC, trimmed), the same one kept once. */
const normalizeAliases = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? [...new Set(value.map((v: unknown) => (typeof v === 'string' ? normalizeFreeText(v) : v)))] : value;

/** Why the first bad alias is refused (by its position, never its text), or undefined. */
function aliasProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const [i, alias] of value.entries()) {
    const problem = freeTextProblem(alias, { max: ALIAS_LIMITS.length });
    if (problem !== undefined) return `aliases[${i}] ${problem}`;
  }
  return undefined;
}

/**
 * `PATCH /persons/:id`: any of these, at least one. A field left out stays as it is; `guardian`,
 * `originRegionCode`, `nik` and `birthDate` null clear it; `aliases` replaces the whole list (`[]`
 * clears it). `name`, `nik`, `birthDate` and `sex` correct the record (rectification, UU 27/2022
 * Pasal 30).
 */
export class UpdatePersonDto {
  /** The person's name, corrected. Personal data: never logged. */
  @FreeText({ max: TEXT_LIMITS.name, optional: true })
  name?: string;

  /** 16-digit NIK, corrected (checked like at intake: a NIK whose date part is impossible is refused), or null: none known. */
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[0-9]{16}$' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string | null;

  /** Birth date (YYYY-MM-DD), corrected: the birth year follows it and is no longer approximate. null: not known. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '2014-05-15' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string | null;

  /** Dukcapil convention `L` / `P`, corrected. */
  @ApiPropertyOptional({ enum: SEXES })
  @OptionalNotNull()
  @IsIn(SEXES, { message: `sex must be one of ${SEXES.join(', ')}` })
  sex?: Sex;

  /** Other names the person goes by (street names, spellings), the whole list; the matcher finds the person by each. */
  @ApiPropertyOptional({ type: [String], maxItems: ALIAS_LIMITS.count, items: { type: 'string', minLength: 1, maxLength: ALIAS_LIMITS.length, pattern: SINGLE_LINE_PATTERN } })
  @OptionalNotNull()
  @Transform(normalizeAliases)
  @IsArray({ message: 'aliases must be a list of names' })
  @ArrayMaxSize(ALIAS_LIMITS.count, { message: `aliases must hold at most ${ALIAS_LIMITS.count} names` })
  @ValidateBy({ name: 'isAliasList', validator: { validate: (value: unknown) => aliasProblem(value) === undefined, defaultMessage: (args) => aliasProblem(args?.value) ?? 'aliases is invalid' } })
  aliases?: string[];

  /** Who is responsible for the person (a child), or null: none known. */
  @ApiPropertyOptional({ type: GuardianDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto | null;

  /** Kab/kota the person comes from, dotted (`32.72`) or plain; stored plain. null: not known. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '32.72' })
  @IsOptional()
  @Transform(toPlainKabKotaCode)
  @IsKabKotaCode()
  originRegionCode?: string | null;
}
