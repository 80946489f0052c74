import { Injectable } from '@nestjs/common';
import { checkNik } from '../../workflows/domain/nik';
import type { NikCheckDto } from './dto/nik-check.dto';
import type { NikCheckResponse } from './dto/nik-check.response';

const NIK_FIELD = 'person.nik';

/**
 * The NIK check of `POST /cases`, on its own: the open-case form shows what the API would refuse or
 * warn about while the NIK is typed. Reads nothing and writes nothing (so no access log entry); the
 * NIK appears in the answer only.
 */
@Injectable()
export class NikChecks {
  check(dto: NikCheckDto): NikCheckResponse {
    const { nik, sex, birthDate, approximateAge } = dto;
    // The same calendar day as POST /cases uses for the same check.
    const result = checkNik(nik, { sex, birthDate, approximateAge }, new Date().toISOString().slice(0, 10));
    if (!result.valid) return { valid: false, errors: result.errors.map((e) => ({ ...e, field: NIK_FIELD })), warnings: [] };
    return { valid: true, errors: [], warnings: result.warnings };
  }
}
