import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { IntakeChannel, Sex } from '../../../workflows/contracts/case';
import { INTAKE_CHANNELS, SEXES } from '../../../workflows/contracts/case';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import { FreeText } from '../../common/validation/free-text.decorator';
import { IsKabKotaCode, toPlainKabKotaCode } from '../../common/validation/kab-kota-code.decorator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { GuardianDto } from '../../persons/dto/guardian.dto';
import { VillageCode } from '../../common/validation/village-code.decorator';


export class PersonDto {
  /** Name as given by the person or the officer; an alias is fine. Personal data: never logged. */
  @FreeText({ max: TEXT_LIMITS.name })
  name!: string;

  /** Dukcapil convention: `L` (laki-laki, male) or `P` (perempuan, female). */
  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex!: Sex;

  /** Estimated age in whole years (people met on the street rarely carry papers). */
  @IsInt()
  @Min(0)
  @Max(120)
  approximateAge!: number;

  /** 16-digit NIK when known (people without one are normal). Hard errors → 400; inconsistencies → warnings. */
  @IsOptional()
  @IsString()
  @Length(1, 32)
  nik?: string;

  /** Birth date (YYYY-MM-DD) when known. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string;

  /** For a child: who is responsible for them, when known. Copied into the person registry when the case registers a new person. */
  @ApiPropertyOptional({ type: GuardianDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

export class OpenCaseDto {
  /** How the case reached Sinergi: a Satpol PP sweep (`RAZIA`) or a complaint (`COMPLAINT`). */
  @ApiProperty({ enum: INTAKE_CHANNELS })
  @IsIn(INTAKE_CHANNELS)
  channel!: IntakeChannel;

  /** Kemendagri kab/kota code of the handling region, dotted (`35.14`) or plain (`3514`); stored plain. */
  @ApiProperty({ example: '35.14' })
  @Transform(toPlainKabKotaCode)
  @IsKabKotaCode()
  regionCode!: string;

  /** Kab/kota the person comes from, when known; another region than `regionCode` means repatriation. */
  @ApiPropertyOptional({ example: '32.72' })
  @IsOptional()
  @Transform(toPlainKabKotaCode)
  @IsKabKotaCode()
  originRegionCode?: string;

  /**
   * A complaint taken in at a village Puskesos: the desa/kelurahan (Kemendagri, 10 digits, dotted or
   * plain; inside `regionCode`). Only a Puskesos officer records one, their own village (it is then
   * recorded even when left out); see GET /puskesos/intake-point.
   */
  @ApiPropertyOptional({ example: '73.03.02.2005' })
  @IsOptional()
  @VillageCode()
  villageCode?: string;

  /** The person the case is about. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;
}
