import type { Sex } from '../contracts/case';
import { PROVINCE_CODES } from './region-code';

/**
 * NIK (Nomor Induk Kependudukan) checks in tiers (pmks-domain §7.1). Layout: PP KK CC DD MM YY SSSS —
 * province, kab/kota, kecamatan of first registration, birth day (+40 for women), month, 2-digit year,
 * serial. Hard errors reject the input; soft findings are warnings to store and show, because a NIK
 * is not reissued when a birth date is corrected and its prefix is not the current domicile.
 */
export const NIK_WARNING_CODES = ['NIK_UNKNOWN_PROVINCE', 'NIK_INVALID_KAB_KOTA', 'NIK_SERIAL_ZERO', 'NIK_SEX_MISMATCH', 'NIK_BIRTH_DATE_MISMATCH', 'NIK_AGE_MISMATCH'] as const;
export type NikWarningCode = (typeof NIK_WARNING_CODES)[number];

/** Why a NIK is refused outright (the hard tier of pmks-domain §7.1). */
export const NIK_ERROR_CODES = ['NIK_NOT_16_DIGITS', 'NIK_INVALID_BIRTH_DAY', 'NIK_INVALID_BIRTH_MONTH', 'NIK_BIRTH_DATE_NOT_REAL'] as const;
export type NikErrorCode = (typeof NIK_ERROR_CODES)[number];

/** A hard finding: the NIK cannot be right, whatever else is known of the person. */
export interface NikError {
  code: NikErrorCode;
  message: string;
}

/** A soft finding about entered data: stored with the case and shown, never a rejection. */
export interface DataWarning {
  code: NikWarningCode | 'PPKS_AGE_UNUSUAL' | 'PPKS_SEX_UNUSUAL';
  field: string;
  message: string;
}

/** A soft finding of the NIK check itself. */
export interface NikWarning extends DataWarning {
  code: NikWarningCode;
}

export interface NikDecoded {
  /** Kecamatan code of first registration (6 digits). */
  regionPrefix: string;
  sex: Sex;
  day: number;
  month: number;
  /** Both readings of the 2-digit year that give a real date (19YY, 20YY). */
  yearCandidates: number[];
}

export type NikCheck = { valid: false; errors: NikError[] } | { valid: true; decoded: NikDecoded; warnings: NikWarning[] };

export interface NikPerson {
  /** Left out (a NIK checked before the sex is entered): no sex comparison. */
  sex?: Sex;
  /** YYYY-MM-DD when known. */
  birthDate?: string;
  approximateAge?: number;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (month: number, year: number): number => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
/** Tolerance between a stated approximate age and the NIK's birth year. */
const AGE_TOLERANCE_YEARS = 5;

function ageOn(today: string, year: number, month: number, day: number): number {
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - year - (tm < month || (tm === month && td < day) ? 1 : 0);
}

/** Checks a NIK against what is known of the person; `today` (YYYY-MM-DD) keeps it deterministic. */
export function checkNik(nik: string, person: NikPerson, today: string): NikCheck {
  if (!/^\d{16}$/.test(nik)) return { valid: false, errors: [{ code: 'NIK_NOT_16_DIGITS', message: 'NIK must be exactly 16 digits' }] };
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const errors: NikError[] = [];
  const female = rawDay >= 41 && rawDay <= 71;
  if (!(female || (rawDay >= 1 && rawDay <= 31))) errors.push({ code: 'NIK_INVALID_BIRTH_DAY', message: 'NIK birth day must be 01–31, or 41–71 for women' });
  if (month < 1 || month > 12) errors.push({ code: 'NIK_INVALID_BIRTH_MONTH', message: 'NIK birth month must be 01–12' });
  const day = female ? rawDay - 40 : rawDay;
  const yearCandidates = [1900 + yy, 2000 + yy].filter((y) => day <= daysIn(month, y) && ageOn(today, y, month, day) >= 0);
  if (errors.length === 0 && yearCandidates.length === 0) errors.push({ code: 'NIK_BIRTH_DATE_NOT_REAL', message: 'NIK birth date is not a real (past) date' });
  if (errors.length > 0) return { valid: false, errors };

  const warnings: NikWarning[] = [];
  const warn = (code: NikWarningCode, message: string) => warnings.push({ code, field: 'person.nik', message });
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) warn('NIK_UNKNOWN_PROVINCE', 'the NIK starts with an unknown province code (it may be a historical code)');
  if (['00', '70'].includes(nik.slice(2, 4))) warn('NIK_INVALID_KAB_KOTA', 'the kab/kota part of the NIK is 00 or 70');
  if (nik.slice(12) === '0000') warn('NIK_SERIAL_ZERO', 'the NIK serial is 0000');
  const sex: Sex = female ? 'P' : 'L';
  if (person.sex !== undefined && sex !== person.sex) warn('NIK_SEX_MISMATCH', `the NIK encodes sex ${sex} (women have 40 added to the birth day)`);
  if (person.birthDate !== undefined) {
    const [by, bm, bd] = person.birthDate.split('-').map(Number) as [number, number, number];
    if (bd !== day || bm !== month || by % 100 !== yy) warn('NIK_BIRTH_DATE_MISMATCH', 'the birth date differs from the one in the NIK (a corrected birth date keeps its NIK)');
  } else if (person.approximateAge !== undefined) {
    const ages = yearCandidates.map((y) => ageOn(today, y, month, day));
    if (!ages.some((a) => Math.abs(a - (person.approximateAge as number)) <= AGE_TOLERANCE_YEARS)) {
      // No figure from the NIK in the text: warnings are stored with the case in clear (docs/personal-data.md).
      warn('NIK_AGE_MISMATCH', `the approximate age is more than ${AGE_TOLERANCE_YEARS} years from the age the NIK's birth date gives`);
    }
  }
  return { valid: true, decoded: { regionPrefix: nik.slice(0, 6), sex, day, month, yearCandidates }, warnings };
}
