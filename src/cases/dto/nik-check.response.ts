import { ApiProperty } from '@nestjs/swagger';
import type { NikErrorCode, NikWarningCode } from '../../../workflows/domain/nik';
import { NIK_ERROR_CODES, NIK_WARNING_CODES } from '../../../workflows/domain/nik';

/** A hard finding: opening a case with this NIK is refused (400 VALIDATION_FAILED on `person.nik`). */
export class NikErrorResponse {
  @ApiProperty({ enum: NIK_ERROR_CODES })
  code!: NikErrorCode;
  /** Always `person.nik`. */
  field!: string;
  /** In English; clients translate by `code`. */
  message!: string;
}

/** A soft finding: the case opens, and the warning is stored with it and shown. */
export class NikWarningResponse {
  @ApiProperty({ enum: NIK_WARNING_CODES })
  code!: NikWarningCode;
  /** Always `person.nik`. */
  field!: string;
  /** In English; clients translate by `code`. */
  message!: string;
}

/** What `POST /cases` would say about this NIK, by the same check (pmks-domain §7.1). */
export class NikCheckResponse {
  /** false: `POST /cases` refuses this NIK (see `errors`). */
  valid!: boolean;
  @ApiProperty({ type: [NikErrorResponse] })
  errors!: NikErrorResponse[];
  /** Only when valid. */
  @ApiProperty({ type: [NikWarningResponse] })
  warnings!: NikWarningResponse[];
}
