import type { DataSource } from 'typeorm';

/**
 * Where a list stops counting its matches. An exact total costs a walk over every match — 740,000
 * ledger entries for one kab/kota of a province's history (docs/performance.md) — while nobody pages
 * through more than this; beyond it the list says "more than" and asks for a narrower filter.
 */
export const TOTAL_CAP = 10_000;

/** A list's total, exact up to the cap; `totalCapped` when there are more matches than that. */
export interface CappedTotal {
  total: number;
  totalCapped: boolean;
}

/** Counts the rows of `fromWhere` (`<table> <alias> WHERE …`, with `params`) up to `cap` and says whether there are more. */
export async function cappedCount(dataSource: DataSource, fromWhere: string, params: unknown[], cap = TOTAL_CAP): Promise<CappedTotal> {
  const [row] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${fromWhere} LIMIT ${cap + 1}) matches`, params);
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), totalCapped: n > cap };
}
