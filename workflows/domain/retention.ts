import type { Protocol } from '../contracts/protocol';

/**
 * How long a closed case's personal data is kept when its protocol does not say (UU 27/2022 Pasal 42:
 * processing ends when the retention period does). Five years is an assumption [ASSUMP] (pmks-domain §8.3
 * item 7: "default to keeping closed cases N years and then anonymising"), to be replaced when the
 * regulation or the region settles a period (docs/personal-data.md "Retention").
 */
export const DEFAULT_PERSONAL_DATA_RETENTION = 'P5Y';

/**
 * A retention period: an ISO-8601 duration like the protocol's others, with years allowed (`P5Y`,
 * `P1Y6W`, `P400D`, `PT2S` for tests). Months are refused (state them in weeks or days). Kept short
 * enough for PostgreSQL's interval arithmetic, which computes the end (calendar years).
 */
const RETENTION = /^P(?:(\d{1,3})Y)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;
const MAX_YEARS = 100;

/** Whether the text is a retention period Sinergi accepts: well formed, not zero, at most 100 years. */
export function isRetentionPeriod(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = RETENTION.exec(text);
  if (m === null || text === 'P' || text.endsWith('T')) return false;
  const parts = m.slice(1).map((v) => Number(v ?? 0));
  return (parts[0] ?? 0) <= MAX_YEARS && parts.some((v) => v > 0);
}

/** The retention period of a case pinned to this protocol (the default when the protocol states none). */
export function retentionOf(protocol: Pick<Protocol, 'personalDataRetention'> | undefined): string {
  return protocol?.personalDataRetention ?? DEFAULT_PERSONAL_DATA_RETENTION;
}
