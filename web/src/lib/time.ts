/**
 * Times are shown in the case region's own zone, with the zone named. Indonesia has three:
 * WIB (UTC+7), WITA (UTC+8), WIT (UTC+9); the province (first two digits of a Kemendagri code)
 * decides. This is presentation only: every deadline itself comes from the API.
 */
export type Zone = { name: 'WIB' | 'WITA' | 'WIT'; iana: string };

const WIB: Zone = { name: 'WIB', iana: 'Asia/Jakarta' };
const WITA: Zone = { name: 'WITA', iana: 'Asia/Makassar' };
const WIT: Zone = { name: 'WIT', iana: 'Asia/Jayapura' };

const WITA_PROVINCES = new Set([51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76]);
const WIT_PROVINCES = new Set([81, 82, 91, 92, 93, 94, 95, 96]);

/** The zone of a kab/kota or province code (`3514`, `35.14`, `35`); WIB when unknown. */
export function zoneOf(regionCode: string | null | undefined): Zone {
  const province = Number((regionCode ?? '').replace(/\D/g, '').slice(0, 2));
  if (WITA_PROVINCES.has(province)) return WITA;
  if (WIT_PROVINCES.has(province)) return WIT;
  return WIB;
}

const LOCALES = { id: 'id-ID', en: 'en-GB' } as const;

function localeOf(language: string): string {
  return language === 'en' ? LOCALES.en : LOCALES.id;
}

/** `30 Nov 2026 14.05 WIB`: date and time in the region's zone, the zone named (`14.05.09` with `seconds`, for audit trails). */
export function formatDateTime(iso: string | null | undefined, regionCode: string | null | undefined, language: string, seconds = false): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const zone = zoneOf(regionCode);
  const text = new Intl.DateTimeFormat(localeOf(language), { timeZone: zone.iana, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }).format(new Date(iso));
  return `${text} ${zone.name}`;
}

/** A moment typed in a form (`YYYY-MM-DDTHH:mm`, or `…:ss` from an input with `step="1"`, the region's wall clock) as an ISO instant. */
export function wallClockToIso(value: string, regionCode: string | null | undefined): string {
  const offsetHours = { WIB: 7, WITA: 8, WIT: 9 }[zoneOf(regionCode).name];
  const seconds = /T\d{2}:\d{2}$/.test(value) ? ':00' : '';
  return new Date(`${value}${seconds}+0${offsetHours}:00`).toISOString();
}

/** Parts of a duration for `time.days/hours/minutes` (largest two units). */
export function durationParts(ms: number): { unit: 'days' | 'hours' | 'minutes'; count: number }[] {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return [{ unit: 'days', count: days }, ...(hours > 0 ? [{ unit: 'hours' as const, count: hours }] : [])];
  if (hours > 0) return [{ unit: 'hours', count: hours }, ...(rest > 0 ? [{ unit: 'minutes' as const, count: rest }] : [])];
  return [{ unit: 'minutes', count: rest }];
}
