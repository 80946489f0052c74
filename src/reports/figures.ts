/**
 * The shape every report figure takes, whatever it counts: a table with one row per key (a channel, a
 * category, an agency…) and typed columns. The dashboard draws a chart and a table from it, the monthly
 * report prints it and the workbook lists it, so one definition serves all three (docs/reports.md).
 */

/** What a column holds: a count of cases (or tasks, visits…), hours, or a share in per cent. */
export type ColumnKind = 'count' | 'hours' | 'percent';

export interface FigureColumn {
  key: string;
  kind: ColumnKind;
  /** For hours and percent: the count column they are computed over (a small base suppresses them). */
  base?: string;
  /** For percent: the count column that is its numerator (a small numerator suppresses it too). */
  part?: string;
  /** A count that is the sum of the row's other counts: hidden with any of them. */
  total?: true;
  /** A count that, where not zero, equals this other count column of its row: the two are hidden together. */
  mirrors?: string;
}

/** The text a suppressed count shows: any count from 1 to 4 (small-cell suppression). */
export const SUPPRESSED = '<5';
/** Counts below this (and above zero) never leave the API. */
export const SMALL_CELL = 5;

export type Cell = number | typeof SUPPRESSED | null;

export interface FigureRow {
  key: string;
  /** A name for the key where the code alone says little (a village's name). */
  label?: string;
  cells: Cell[];
}

export interface Figure {
  id: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  /** The cases behind a row can be listed (`GET /reports/cases?figure=<id>&key=<row key>`). */
  drillDown: boolean;
}

/** A figure as computed, before suppression: exact numbers (null where nothing could be computed). */
export interface RawFigure {
  id: string;
  columns: FigureColumn[];
  rows: { key: string; label?: string; cells: (number | null)[] }[];
  drillDown?: boolean;
}

const small = (n: number | null): boolean => n !== null && n > 0 && n < SMALL_CELL;

/**
 * Small-cell suppression, applied to every figure before it leaves the API:
 * 1. a count from 1 to 4 reads `<5`;
 * 2. when a count column has exactly one such cell, the next smallest non-zero count of that column is
 *    suppressed too, so the cell cannot be recovered from a total (secondary suppression); a row's total
 *    column is suppressed with any count of its row, and a column that repeats another's count (children
 *    of a children's age group) with it, for the same reason (rule 2 repeats until nothing changes);
 * 3. hours and per cents computed over a base of fewer than five read null, and so does a per cent whose
 *    base or numerator was suppressed (a median says how long, not how many: it stays).
 */
export function suppress(figure: RawFigure): Figure {
  const hidden = figure.rows.map((r) => r.cells.map((c, i) => figure.columns[i]!.kind === 'count' && small(c)));
  const counts = figure.columns.flatMap((c, i) => (c.kind === 'count' ? [i] : []));
  for (let changed = true; changed; ) {
    changed = false;
    const hide = (j: number, i: number): void => {
      if (hidden[j]![i]) return;
      hidden[j]![i] = true;
      changed = true;
    };
    figure.columns.forEach((column, i) => {
      if (column.total) {
        hidden.forEach((h, j) => {
          if (counts.some((c) => c !== i && h[c])) hide(j, i);
        });
      }
      const twin = column.mirrors === undefined ? -1 : figure.columns.findIndex((c) => c.key === column.mirrors);
      if (twin >= 0) {
        hidden.forEach((h, j) => {
          if ((figure.rows[j]!.cells[i] ?? 0) === 0) return;
          if (h[i]) hide(j, twin);
          if (h[twin]) hide(j, i);
        });
      }
    });
    for (const i of counts) {
      if (hidden.filter((h) => h[i]).length !== 1 || figure.rows.length < 2) continue;
      let next: number | null = null;
      figure.rows.forEach((r, j) => {
        const v = r.cells[i] ?? null;
        if (hidden[j]![i] || v === null || v === 0) return;
        if (next === null || v < (figure.rows[next]!.cells[i] as number)) next = j;
      });
      if (next !== null) hide(next, i);
    }
  }
  const index = new Map(figure.columns.map((c, i) => [c.key, i]));
  const rows = figure.rows.map((r, j) => ({
    key: r.key,
    ...(r.label !== undefined ? { label: r.label } : {}),
    cells: r.cells.map((value, i): Cell => {
      const column = figure.columns[i]!;
      if (column.kind === 'count') return hidden[j]![i] ? SUPPRESSED : value;
      const base = column.base === undefined ? undefined : index.get(column.base);
      const part = column.part === undefined ? undefined : index.get(column.part);
      const baseValue = base === undefined ? null : (r.cells[base] ?? null);
      if (base !== undefined && (baseValue === null || baseValue < SMALL_CELL)) return null;
      if (column.kind === 'percent' && ((part !== undefined && hidden[j]![part]) || (base !== undefined && hidden[j]![base]))) return null;
      return value;
    }),
  }));
  return { id: figure.id, columns: figure.columns, rows, drillDown: figure.drillDown ?? false };
}
