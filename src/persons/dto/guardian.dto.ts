import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, ValidateBy } from 'class-validator';
import type { GuardianInput } from '../../../workflows/contracts/case';
import type { GuardianRelationship } from '../../../workflows/contracts/lifecycle';
import { GUARDIAN_RELATIONSHIPS } from '../../../workflows/contracts/lifecycle';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import { OptionalNotNull } from '../../common/optional-not-null';
import { FreeText } from '../../common/validation/free-text.decorator';

/** A telephone number as people write it: digits, an optional leading `+`, spaces and hyphens between (7–20 characters). */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 -]{5,18}[0-9]$';
const PHONE = new RegExp(PHONE_PATTERN);

/** A child's guardian: at intake (`person.guardian` of `POST /cases` and of each razia row) and on the person's record. */
export class GuardianDto {
  /** The guardian's name (or the institution's). Personal data: never logged. */
  @FreeText({ max: TEXT_LIMITS.name })
  name!: string;

  /** `PARENT`, `GUARDIAN` (wali: a relative or one appointed) or `INSTITUTION` (panti, LKSA): the list of the assessment's guardian consent. */
  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS })
  @IsIn(GUARDIAN_RELATIONSHIPS, { message: `relationship must be one of ${GUARDIAN_RELATIONSHIPS.join(', ')}` })
  relationship!: GuardianRelationship;

  /** A telephone number to reach them, when known (e.g. `0812-3456-7890`, `+62 812 3456 7890`). */
  @ApiPropertyOptional({ pattern: PHONE_PATTERN, minLength: 7, maxLength: 20, example: '0812-3456-7890' })
  @OptionalNotNull()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @ValidateBy({
    name: 'isPhoneNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && PHONE.test(value),
      defaultMessage: () => 'phone must be a telephone number: digits, an optional leading +, spaces or hyphens (7 to 20 characters)',
    },
  })
  phone?: string;
}

/** The guardian as plain JSON (what the workflow carries): the phone only when given. */
export function toGuardianInput(g: GuardianDto): GuardianInput {
  return { name: g.name, relationship: g.relationship, ...(g.phone !== undefined ? { phone: g.phone } : {}) };
}
