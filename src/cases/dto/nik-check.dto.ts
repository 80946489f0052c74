import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Sex } from '../../../workflows/contracts/case';
import { SEXES } from '../../../workflows/contracts/case';

/** A NIK and what is known of its holder so far, as typed into the open-case form. Nothing is stored. */
export class NikCheckDto {
  /** The NIK as typed (checked, never stored, logged or looked up). */
  @IsString()
  @Length(1, 32)
  nik!: string;

  /** Dukcapil convention `L` / `P`; left out: the sex encoded in the NIK is not compared. */
  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  /** Birth date (YYYY-MM-DD) when known: compared with the one in the NIK. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string;

  /** Estimated age in whole years: compared with the NIK's birth year when no birth date is given. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  approximateAge?: number;
}
