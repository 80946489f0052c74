import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, IsUUID } from 'class-validator';
import { FreeText } from '../../common/validation/free-text.decorator';

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
