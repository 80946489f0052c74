/**
 * ISO-8601 durations as used in protocol documents: weeks, days, hours, minutes, seconds
 * (`P7D`, `PT4H`, `P1DT12H`). Months and years are refused: "1 month" must be stated in days.
 */
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds, or undefined when the text is not a supported duration. */
export function parseDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (m === null || text === 'P' || text.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** An ISO instant `ms` milliseconds later. */
export function plusMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
