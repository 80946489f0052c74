import { DomainError } from '../common/errors/domain-error';

/**
 * A report's period: whole days from `from` to `to` (both inclusive), in the local time of the region
 * the report is about. Indonesia has three zones (WIB UTC+7, WITA UTC+8, WIT UTC+9); the province (first
 * two digits of a Kemendagri code) decides, and a national report counts in WIB.
 */
export interface ReportPeriod {
  from: string;
  to: string;
  /** The UTC offset the days are counted in, e.g. `+07:00`. */
  offset: string;
  zone: 'WIB' | 'WITA' | 'WIT';
  /** First instant of the period (inclusive) and the instant after its last day (exclusive). */
  start: string;
  end: string;
}

const WITA_PROVINCES = new Set([51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76]);
const WIT_PROVINCES = new Set([81, 82, 91, 92, 93, 94, 95, 96]);

export function zoneOfRegion(region: string): { zone: ReportPeriod['zone']; offset: string; hours: number } {
  const province = Number(region.slice(0, 2));
  if (WITA_PROVINCES.has(province)) return { zone: 'WITA', offset: '+08:00', hours: 8 };
  if (WIT_PROVINCES.has(province)) return { zone: 'WIT', offset: '+09:00', hours: 9 };
  return { zone: 'WIB', offset: '+07:00', hours: 7 };
}

const DAY_MS = 86_400_000;
/** The longest period one report covers: five years and a day (leap years). */
export const MAX_PERIOD_DAYS = 5 * 366;

const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The calendar day of an instant in the region's zone (`YYYY-MM-DD`). */
export function localDay(at: Date, region: string): string {
  return new Date(at.getTime() + zoneOfRegion(region).hours * 3_600_000).toISOString().slice(0, 10);
}

/** The period asked for; by default the current month up to today. */
export function reportPeriod(region: string, from: string | undefined, to: string | undefined, now = new Date()): ReportPeriod {
  const { zone, offset } = zoneOfRegion(region);
  const today = localDay(now, region);
  const last = to ?? today;
  const first = from ?? `${(to ?? today).slice(0, 7)}-01`;
  if (first > last) throw new DomainError('VALIDATION_FAILED', 'The period must not end before it starts', [{ field: 'to', messages: ['to must not be before from'] }]);
  if ((Date.parse(last) - Date.parse(first)) / DAY_MS + 1 > MAX_PERIOD_DAYS) throw new DomainError('VALIDATION_FAILED', 'The period is too long', [{ field: 'from', messages: [`a report covers at most ${MAX_PERIOD_DAYS} days`] }]);
  return { from: first, to: last, offset, zone, start: `${first}T00:00:00${offset}`, end: `${dayAfter(last)}T00:00:00${offset}` };
}

/** The calendar month before the one `now` lies in, as a period (the forum's monthly report). */
export function previousMonth(region: string, now = new Date()): { from: string; to: string } {
  const today = localDay(now, region);
  const firstOfThis = Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`);
  const lastOfPrevious = new Date(firstOfThis - DAY_MS).toISOString().slice(0, 10);
  return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
}
