import type { Cell, Figure } from '../figures';
import { SUPPRESSED } from '../figures';
import type { ReportSection } from '../reports.service';
import { columnTitle, figureText } from './monthly-labels';

/**
 * Everything the monthly report prints, gathered once (MonthlyReports.document) and drawn twice: as a
 * PDF (monthly-pdf.ts) and as a workbook (monthly-xlsx.ts). Figures are the API's, already suppressed.
 */
export interface MonthlyReportDocument {
  /** Kemendagri code: a kab/kota (4 digits), a province (2), or `''` for the whole country. */
  region: string;
  regionName: string;
  /** `YYYY-MM`. */
  month: string;
  from: string;
  to: string;
  zone: 'WIB' | 'WITA' | 'WIT';
  generatedAt: string;
  sections: { section: ReportSection; figures: Figure[] }[];
  /** Names of region codes that figures list as rows (repatriations, the per-kab/kota summary). */
  regionNames: Record<string, string>;
}

/** One figure as a table: Indonesian title, headers and row names; cells as the API gave them. */
export interface FigureTable {
  id: string;
  title: string;
  note: string | undefined;
  headers: string[];
  kinds: Figure['columns'][number]['kind'][];
  rows: { key: string; label: string; cells: Cell[] }[];
}

const REGION_ROWS = new Set(['repatriation.sent', 'repatriation.received', 'regions.summary']);

export function tableOf(figure: Figure, regionNames: Record<string, string>): FigureTable {
  const text = figureText(figure.id);
  const name = (key: string, label: string | undefined): string => {
    if (REGION_ROWS.has(figure.id)) return regionNames[key] !== undefined ? `${regionNames[key]} (${key})` : key;
    return label ?? text.label(key);
  };
  return {
    id: figure.id,
    title: text.title,
    note: text.note,
    headers: [text.rowHeader, ...figure.columns.map((c) => columnTitle(c.key))],
    kinds: figure.columns.map((c) => c.kind),
    rows: figure.rows.map((r) => ({ key: r.key, label: name(r.key, r.label), cells: r.cells })),
  };
}

const whole = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A cell as printed: thousands with a dot, one decimal with a comma, `<5` as is, nothing as "–". */
export function cellText(cell: Cell, kind: FigureTable['kinds'][number]): string {
  if (cell === null) return '–';
  if (cell === SUPPRESSED) return SUPPRESSED;
  if (kind === 'count') return whole.format(cell);
  return kind === 'percent' ? `${decimal.format(cell)}%` : decimal.format(cell);
}

/** "1 Desember 2026 pukul 01.00 WIB" in the region's zone. */
export function generatedText(at: string, zone: MonthlyReportDocument['zone']): string {
  const offset = { WIB: 7, WITA: 8, WIT: 9 }[zone];
  const local = new Date(Date.parse(at) + offset * 3_600_000);
  const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} pukul ${pad(local.getUTCHours())}.${pad(local.getUTCMinutes())} ${zone}`;
}
