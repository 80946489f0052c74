/**
 * Kemendagri region codes (kode wilayah). A kab/kota code is province (2 digits) + kab/kota (2):
 * 01–69 is a kabupaten, 71–99 a kota. Accepted dotted (`35.14`) or plain (`3514`); stored plain.
 */

/** The 38 province codes of Kepmendagri 300.2.2-2138/2025. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96',
]);

const KAB_KOTA = /^(\d{2})\.?(\d{2})$/;

/** Plain 4-digit kab/kota code, or undefined when the input is not one. */
export function normalizeKabKotaCode(input: string): string | undefined {
  const match = KAB_KOTA.exec(input.trim());
  if (!match) return undefined;
  const [, province, local] = match as unknown as [string, string, string];
  const n = Number(local);
  const validLocal = (n >= 1 && n <= 69) || (n >= 71 && n <= 99);
  return PROVINCE_CODES.has(province) && validLocal ? `${province}${local}` : undefined;
}

/** A region scope: a province (`35`) or a kab/kota (`35.14` / `3514`), plain; undefined when invalid. */
export function normalizeRegionScope(input: string): string | undefined {
  const trimmed = input.trim();
  return /^\d{2}$/.test(trimmed) ? (PROVINCE_CODES.has(trimmed) ? trimmed : undefined) : normalizeKabKotaCode(trimmed);
}
