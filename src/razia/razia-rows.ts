import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';
import type { PersonInput } from '../../workflows/contracts/case';
import type { DataWarning } from '../../workflows/domain/nik';
import { checkNik, NIK_ERROR_CODES } from '../../workflows/domain/nik';
import { toGuardianInput } from '../persons/dto/guardian.dto';
import { RaziaPersonDto } from './dto/record-razia.dto';

/** Why one field of a razia row was refused (machine-readable; the web app says it in words). */
export const RAZIA_FIELD_CODES = [
  'REQUIRED',
  'UNKNOWN_FIELD',
  'NOT_AN_OBJECT',
  'INVALID_TEXT',
  'INVALID_CHOICE',
  'NOT_AN_INTEGER',
  'OUT_OF_RANGE',
  'INVALID_DATE',
  'INVALID_REGION_CODE',
  'INVALID_PHONE',
  'INVALID',
  // The hard tier of the NIK check, by its own codes.
  ...NIK_ERROR_CODES,
] as const;
export type RaziaFieldCode = (typeof RAZIA_FIELD_CODES)[number];

/** One refused field of a row: its name within the person (`nik`, `sex`, `guardian.name`…) and the code. Never the value. */
export interface RaziaFieldError {
  field: string;
  code: RaziaFieldCode;
}

/** A row that may open its case. */
export interface AcceptedRow {
  ok: true;
  person: PersonInput;
  originRegionCode?: string;
  warnings: DataWarning[];
}
export interface RefusedRow {
  ok: false;
  errors: RaziaFieldError[];
}
export type CheckedRow = AcceptedRow | RefusedRow;

/** class-validator's constraint names, as codes. */
const CONSTRAINT_CODES: Record<string, RaziaFieldCode> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isFreeText: 'INVALID_TEXT',
  isIn: 'INVALID_CHOICE',
  isInt: 'NOT_AN_INTEGER',
  min: 'OUT_OF_RANGE',
  max: 'OUT_OF_RANGE',
  isIso8601: 'INVALID_DATE',
  matches: 'INVALID_DATE',
  isKabKotaCode: 'INVALID_REGION_CODE',
  isPhoneNumber: 'INVALID_PHONE',
  isObject: 'NOT_AN_OBJECT',
  nestedValidation: 'NOT_AN_OBJECT',
  isString: 'NIK_NOT_16_DIGITS',
  isLength: 'NIK_NOT_16_DIGITS',
};

/**
 * One code per field: a missing value is REQUIRED, otherwise the first failed rule names it. A nested
 * object (the guardian) names its own fields under its name: `guardian.relationship`.
 */
function fieldErrors(error: ValidationError, within = ''): RaziaFieldError[] {
  // An unknown key is the client's own text (it could be anything, a name too): the object holding it, not the key, is named.
  if ('whitelistValidation' in (error.constraints ?? {})) return [{ field: within === '' ? 'person' : within, code: 'UNKNOWN_FIELD' }];
  const field = within === '' ? error.property : `${within}.${error.property}`;
  if (error.value === undefined) return [{ field, code: 'REQUIRED' }];
  if (error.constraints === undefined && (error.children ?? []).length > 0) return (error.children ?? []).flatMap((c) => fieldErrors(c, field));
  const constraint = Object.keys(error.constraints ?? {})[0] ?? '';
  return [{ field, code: CONSTRAINT_CODES[constraint] ?? 'INVALID' }];
}

/**
 * Checks one person row of a razia by the rules of a single opening (the same DTO, then the hard NIK
 * tier against `today`, YYYY-MM-DD). A row is checked alone so that a bad row never blocks the others.
 */
export function checkRow(row: unknown, today: string): CheckedRow {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return { ok: false, errors: [{ field: 'person', code: 'NOT_AN_OBJECT' }] };
  const dto = plainToInstance(RaziaPersonDto, row);
  const failures = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } });
  if (failures.length > 0) {
    const errors = failures.flatMap((f) => fieldErrors(f));
    return { ok: false, errors: errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.code === e.code) === i) };
  }
  const { name, sex, approximateAge, nik, birthDate, guardian, originRegionCode } = dto;
  const person: PersonInput = {
    name, sex, approximateAge, ...(nik !== undefined ? { nik } : {}), ...(birthDate !== undefined ? { birthDate } : {}), ...(guardian !== undefined ? { guardian: toGuardianInput(guardian) } : {}),
  };
  const nikCheck = nik === undefined ? undefined : checkNik(nik, person, today);
  if (nikCheck !== undefined && !nikCheck.valid) return { ok: false, errors: nikCheck.errors.map((e) => ({ field: 'nik', code: e.code })) };
  return { ok: true, person, ...(originRegionCode !== undefined ? { originRegionCode } : {}), warnings: nikCheck?.valid ? nikCheck.warnings : [] };
}
