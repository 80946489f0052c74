import { normalizeKabKotaCode } from '../../workflows/domain/region-code';

/**
 * Kemendagri desa/kelurahan code (pmks-domain §7.3): kab/kota (4 digits) + kecamatan (01–99) + 4
 * digits whose first says kelurahan (1), desa (2) or desa adat (3). Accepted dotted
 * (`35.14.01.2001`) or plain (`3514012001`); stored plain.
 */
const VILLAGE = /^(\d{2})\.?(\d{2})\.?(\d{2})\.?([123]\d{3})$/;

/** Plain 10-digit village code, or undefined when the input is not one. */
export function normalizeVillageCode(input: string): string | undefined {
  const match = VILLAGE.exec(input.trim());
  if (!match) return undefined;
  const [, province, local, district, village] = match as unknown as [string, string, string, string, string];
  const kabKota = normalizeKabKotaCode(`${province}${local}`);
  return kabKota !== undefined && district !== '00' && !village.endsWith('000') ? `${kabKota}${district}${village}` : undefined;
}

/** The kab/kota a (plain) village code lies in. */
export const kabKotaOfVillage = (villageCode: string): string => villageCode.slice(0, 4);
