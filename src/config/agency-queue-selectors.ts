/**
 * `SINERGI_AGENCY_QUEUES`: which agency queues Sinergi's own worker serves. Selectors, applied in
 * order: `all`, `none`, `CODE` (that agency in every region), `REGION-CODE` (one region's agency), each
 * negated by a leading `-`. Region is a plain kab/kota (`3514`) or province (`35`) code.
 */
export const AGENCY_QUEUE_SELECTOR = /^(all|none|-?(\d{2}(\d{2})?-)?[A-Z][A-Z0-9_]{1,31})$/;

/** Whether the selectors pick the queue of `agencyCode` in `regionCode`; the last matching selector wins. */
export function selectsAgencyQueue(selectors: readonly string[], regionCode: string, agencyCode: string): boolean {
  let selected = false;
  for (const raw of selectors) {
    if (raw === 'all' || raw === 'none') {
      selected = raw === 'all';
      continue;
    }
    const negated = raw.startsWith('-');
    const selector = negated ? raw.slice(1) : raw;
    const [region, code] = selector.includes('-') ? (selector.split('-', 2) as [string, string]) : [undefined, selector];
    if (code === agencyCode && (region === undefined || regionCode.startsWith(region))) selected = !negated;
  }
  return selected;
}
