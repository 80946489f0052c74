import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional } from 'class-validator';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import { normalizeKabKotaCode } from '../../../workflows/domain/region-code';
import { PersonDto } from '../../cases/dto/open-case.dto';
import { IsKabKotaCode } from '../../common/validation/kab-kota-code.decorator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { FreeText } from '../../common/validation/free-text.decorator';
import { Instant } from '../../common/validation/instant.decorator';
import { VillageCode } from '../../common/validation/village-code.decorator';

/** Most people one razia records; a larger sweep is recorded as several razia. */
export const MAX_RAZIA_PEOPLE = 100;

const plainKabKota = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? (normalizeKabKotaCode(value) ?? value) : value);

/** One person found: the person of a single opening (`POST /cases`) and its optional fields. */
export class RaziaPersonDto extends PersonDto {
  /** Kab/kota the person comes from, when known; another region than the razia's means repatriation. */
  @ApiPropertyOptional({ example: '32.72' })
  @IsOptional()
  @Transform(plainKabKota)
  @IsKabKotaCode()
  originRegionCode?: string;
}

export class RecordRaziaDto {
  /** When the operation took place. */
  @Instant({ description: 'When the operation took place, e.g. 2026-11-22T21:30:00+07:00' })
  occurredAt!: string;

  /** Where: street, market, junction… as the team names it. */
  @FreeText({ max: TEXT_LIMITS.name })
  place!: string;

  /** Kemendagri desa/kelurahan code of the place, dotted (`35.14.01.2001`) or plain (10 digits); stored plain; must lie in `regionCode`. */
  @ApiPropertyOptional({ example: '35.14.01.2001' })
  @OptionalNotNull()
  @VillageCode()
  villageCode?: string;

  /** Kemendagri kab/kota code of the region handling the people found, dotted (`35.14`) or plain (`3514`); stored plain. */
  @ApiProperty({ example: '35.14' })
  @Transform(plainKabKota)
  @IsKabKotaCode()
  regionCode!: string;

  /** The team: unit, leader, joint agencies (staff, never the people found). */
  @FreeText({ max: TEXT_LIMITS.name })
  team!: string;

  /**
   * The people found, 1 to 100. Each is checked on its own: a row that fails is refused with its
   * field errors, and the other rows still open their cases. A row's position (from 0) identifies it.
   */
  @ApiProperty({ type: [RaziaPersonDto], minItems: 1, maxItems: MAX_RAZIA_PEOPLE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RAZIA_PEOPLE)
  people!: unknown[];
}
