import { DomainError } from '../../common/errors/domain-error';
import { localDay, previousMonth, zoneOfRegion } from '../report-period';

/** A calendar month of a report, with its first and last day. */
export interface ReportMonth {
  /** `YYYY-MM`. */
  month: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/**
 * The month asked for (`YYYY-MM`), or the one before `now` in the region's zone. A month that has not
 * begun in the region is refused (nothing could be counted yet); the current month runs to its last day.
 */
export function reportMonth(region: string, month: string | undefined, now = new Date()): ReportMonth {
  if (month === undefined) {
    const { from, to } = previousMonth(region, now);
    return { month: from.slice(0, 7), from, to };
  }
  if (month > localDay(now, region).slice(0, 7)) {
    throw new DomainError('VALIDATION_FAILED', 'The month has not begun', [{ field: 'month', messages: [`month must not be after the current month (${zoneOfRegion(region).zone})`] }]);
  }
  const next = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
  return { month, from: `${month}-01`, to: new Date(next - DAY_MS).toISOString().slice(0, 10) };
}

/** `laporan-bulanan-3510-2026-11.pdf`; the whole country reads `nasional`. */
export function monthlyFileName(region: string, month: string, extension: 'pdf' | 'xlsx'): string {
  return `laporan-bulanan-${region === '' ? 'nasional' : region}-${month}.${extension}`;
}
