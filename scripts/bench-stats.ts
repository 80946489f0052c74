/** Shared by the benchmarks: rates per round, latency percentiles, ratios. Asserts nothing. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function measure(n: number, concurrency: number, op: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const durationMs = performance.now() - started;
  return { perSecond: round((n / durationMs) * 1000), latencies };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** p50, p95 and p99 of one set of latencies, in milliseconds to one decimal. */
export function latencySummary(latencies: number[]): { count: number; p50: number; p95: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

export function summarise(runs: { perSecond: number; latencies: number[] }[]) {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    perSecondByRound: runs.map((r) => r.perSecond),
    medianPerSecond: round(median(runs.map((r) => r.perSecond))),
    latencyMs: { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), p99: round(percentile(all, 99)) },
  };
}

export const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
