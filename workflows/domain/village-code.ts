import { normalizeKabKotaCode } from './region-code';

/**
 * Kemendagri desa/kelurahan codes (pmks-domain §7.3): kab/kota (4) + kecamatan (2, 01–99) + 4 digits
 * whose first says the kind — 1 kelurahan, 2 desa, 3 desa adat — then a serial (001–999). Accepted
 * dotted (`73.03.02.2005`) or plain; stored plain (10 digits).
 */
const VILLAGE = /^(\d{2})\.?(\d{2})\.?(\d{2})\.?([123])(\d{3})$/;

/** The plain 10-digit code of a desa/kelurahan, or undefined when the input is not one. */
export function normalizeVillageCode(input: string): string | undefined {
  const match = VILLAGE.exec(input.trim());
  if (match === null) return undefined;
  const [, province, kabKota, kecamatan, kind, serial] = match as unknown as [string, string, string, string, string, string];
  if (normalizeKabKotaCode(`${province}${kabKota}`) === undefined || kecamatan === '00' || serial === '000') return undefined;
  return `${province}${kabKota}${kecamatan}${kind}${serial}`;
}

/** Whether a (plain) village code lies in a kab/kota. */
export function villageInRegion(villageCode: string, regionCode: string): boolean {
  return villageCode.startsWith(regionCode);
}
