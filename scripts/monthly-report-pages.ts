import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config/project-root';
import type { FigureColumn, RawFigure } from '../src/reports/figures';
import { suppress } from '../src/reports/figures';
import type { MonthlyReportDocument } from '../src/reports/monthly/monthly-document';
import { renderMonthlyPdf } from '../src/reports/monthly/monthly-pdf';

/**
 * The monthly report's pages for the docs (docs/monthly-report.md): a fixture month of
 * Kabupaten Banyuwangi — November 2026, some 60 cases, figures as the API computes them before
 * suppression — drawn by the report's own renderer and suppressed by the API's own rule, written as
 * a PDF and rendered to `docs/screenshots/monthly-report-p<n>.png` with poppler's `pdftoppm` (80 dpi).
 * Run after `nest build`: `node dist/scripts/monthly-report-pages.js [out.pdf]`.
 */
const count = (key: string): FigureColumn => ({ key, kind: 'count' });
const hours = (key: string, base: string): FigureColumn => ({ key, kind: 'hours', base });
const percent = (key: string, base: string, part: string): FigureColumn => ({ key, kind: 'percent', base, part });
const rows = (list: [string, ...(number | null)[]][], labels: Record<string, string> = {}) =>
  list.map(([key, ...cells]) => ({ key, ...(labels[key] !== undefined ? { label: labels[key] } : {}), cells }));
const pct = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

const VILLAGES: [string, string, number, number][] = [
  ['3510010001', 'Kelurahan Kertosari', 9, 3], ['3510010002', 'Kelurahan Penganjuran', 7, 2], ['3510010003', 'Kelurahan Tukangkayu', 6, 1],
  ['3510020004', 'Desa Kalipuro', 5, 2], ['3510020005', 'Desa Ketapang', 6, 4], ['3510030006', 'Desa Genteng Kulon', 4, 1],
  ['3510030007', 'Desa Rogojampi', 5, 0], ['3510040008', 'Desa Srono', 3, 1], ['3510040009', 'Kelurahan Giri', 5, 2],
  ['3510050010', 'Desa Muncar', 4, 1], ['3510050011', 'Desa Kedungrejo', 2, 0], ['3510060012', 'Desa Glenmore', 3, 1],
];

const intake: RawFigure[] = [
  { id: 'opened.total', columns: [count('cases'), count('children')], rows: rows([['ALL', 59, 18]]) },
  { id: 'opened.byChannel', columns: [count('cases'), count('children')], rows: rows([['COMPLAINT', 22, 9], ['RAZIA', 37, 9]]) },
  {
    id: 'opened.byCategory',
    columns: [count('cases'), count('children')],
    rows: rows([['PPKS-02', 6, 6], ['PPKS-04', 11, 11], ['PPKS-08', 7, 0], ['PPKS-09', 3, 0], ['PPKS-11', 14, 0], ['PPKS-12', 16, 1], ['PPKS-13', 5, 0], ['PPKS-24', 6, 2], ['NONE', 8, 3]]),
  },
  { id: 'opened.bySex', columns: [count('cases'), count('children')], rows: rows([['L', 38, 11], ['P', 21, 7]]) },
  { id: 'opened.byAgeGroup', columns: [count('cases')], rows: rows([['0-5', 2], ['6-12', 6], ['13-17', 10], ['18-59', 33], ['60+', 8]]) },
  { id: 'opened.byIntakePoint', columns: [count('cases'), count('children')], rows: VILLAGES.map(([key, label, n, c]) => ({ key, label, cells: [n, c] })) },
  { id: 'closed.byReason', columns: [count('cases')], rows: rows([['ABSCONDED', 6], ['COMPLETED', 21], ['REFERRED_TO_PROGRAM', 9], ['TRANSFERRED_OUT', 7], ['UNFOUNDED_REPORT', 2]]) },
];
const caseload: RawFigure[] = [
  {
    id: 'caseload.byStage',
    columns: [count('cases'), count('children')],
    rows: rows([['INTAKE', 6, 2], ['HEALTH_CHECK', 8, 3], ['ASSESSMENT', 11, 4], ['SHELTER', 14, 6], ['REHABILITATION', 9, 2], ['REINTEGRATION', 7, 3], ['MONITORING', 18, 5]]),
  },
  { id: 'caseload.byAgency', columns: [count('cases'), count('children')], rows: rows([['DINKES', 8, 3], ['DINSOS', 41, 14], ['SATPOL_PP', 6, 2], ['UPT_SPMKS', 18, 5], ['NONE', 0, 0]]) },
  {
    id: 'caseload.byCaseWorker',
    columns: [count('cases'), count('children')],
    rows: rows([['w1', 19, 6], ['w2', 17, 5], ['w3', 15, 4], ['w4', 14, 5], ['w5', 8, 5]], { w1: 'Sri Wahyuni (Peksos)', w2: 'Agus Salim (Peksos)', w3: 'Dewi Lestari (TKSK)', w4: 'Bambang Irawan (Peksos)', w5: 'Rina Marlina (TKSK)' }),
  },
];
const timeliness: RawFigure[] = [
  {
    id: 'stage.duration',
    columns: [count('stays'), hours('medianHours', 'stays'), hours('p90Hours', 'stays')],
    rows: rows([['INTAKE', 57, 2.5, 6.1], ['HEALTH_CHECK', 44, 11.2, 27.8], ['MEDICAL_TREATMENT', 3, 60.2, 140.5], ['ASSESSMENT', 41, 20.4, 46.9], ['SHELTER', 22, 131.5, 166.0], ['REHABILITATION', 9, 402.7, 618.3], ['REINTEGRATION', 19, 190.2, 320.6]]),
  },
  {
    id: 'firstResponse',
    columns: [count('responded'), hours('medianHours', 'responded'), hours('p90Hours', 'responded'), count('assessed'), count('withinLimit'), percent('withinLimitPct', 'assessed', 'withinLimit')],
    rows: rows([['COMPLAINT', 21, 2.9, 6.8, 22, 15, pct(15, 22)], ['RAZIA', 37, 0.6, 1.9, 37, 36, pct(36, 37)], ['ALL', 58, 1.1, 5.2, 59, 51, pct(51, 59)]]),
  },
  {
    id: 'tasks.byAgency',
    columns: [count('ordered'), count('claimAssessed'), count('claimedOnTime'), percent('claimedOnTimePct', 'claimAssessed', 'claimedOnTime'), count('completionAssessed'), count('completedOnTime'), percent('completedOnTimePct', 'completionAssessed', 'completedOnTime')],
    rows: rows([['DINKES', 47, 45, 41, pct(41, 45), 40, 33, pct(33, 40)], ['DINSOS', 63, 61, 58, pct(58, 61), 52, 47, pct(47, 52)], ['DUKCAPIL', 9, 9, 6, pct(6, 9), 8, 7, pct(7, 8)], ['SATPOL_PP', 37, 37, 37, 100, 37, 36, pct(36, 37)], ['UPT_SPMKS', 22, 21, 19, pct(19, 21), 14, 11, pct(11, 14)]]),
  },
  { id: 'escalations.byAgency', columns: [count('level1'), count('level2'), count('total')], rows: rows([['DINKES', 4, 1, 5], ['DINSOS', 3, 0, 3], ['UPT_SPMKS', 2, 2, 4]]) },
];
const reintegration: RawFigure[] = [
  { id: 'repatriation.sent', columns: [count('cases')], rows: rows([['3514', 4], ['3509', 6], ['3578', 2]]) },
  { id: 'repatriation.received', columns: [count('cases')], rows: rows([['3514', 3]]) },
  { id: 'reintegration.byType', columns: [count('cases')], rows: rows([['FAMILY_REUNIFICATION', 12], ['INDEPENDENT_LIVING', 2], ['INSTITUTIONAL_PLACEMENT', 5], ['REPATRIATION', 12]]) },
  {
    id: 'monitoring.outcomes',
    columns: [count('STABLE'), count('CONCERN'), count('RETURNED_TO_STREET'), count('total'), percent('returnedToStreetPct', 'total', 'RETURNED_TO_STREET')],
    rows: rows([['1', 14, 5, 3, 22, pct(3, 22)], ['2', 11, 4, 2, 17, pct(2, 17)], ['3', 9, 1, 1, 11, pct(1, 11)]]),
  },
];
const repeats: RawFigure[] = [
  { id: 'repeats.total', columns: [count('linkedCases'), count('repeatCases'), percent('repeatPct', 'linkedCases', 'repeatCases'), count('persons')], rows: rows([['ALL', 51, 11, pct(11, 51), 10]]) },
  {
    id: 'repeats.byCategory',
    columns: [count('linkedCases'), count('repeatCases'), percent('repeatPct', 'linkedCases', 'repeatCases')],
    rows: rows([['PPKS-04', 10, 3, pct(3, 10)], ['PPKS-08', 7, 0, 0], ['PPKS-11', 12, 4, pct(4, 12)], ['PPKS-12', 15, 6, pct(6, 15)], ['NONE', 7, 0, 0]]),
  },
];
const regions: RawFigure[] = [
  {
    id: 'regions.summary',
    columns: [count('opened'), count('children'), count('closed'), count('open'), count('firstResponseAssessed'), count('firstResponseWithinLimit'), percent('firstResponseWithinLimitPct', 'firstResponseAssessed', 'firstResponseWithinLimit')],
    rows: rows([['3510', 59, 18, 45, 73, 59, 51, pct(51, 59)]]),
  },
];

export const FIXTURE: MonthlyReportDocument = {
  region: '3510',
  regionName: 'Kabupaten Banyuwangi',
  month: '2026-11',
  from: '2026-11-01',
  to: '2026-11-30',
  zone: 'WIB',
  generatedAt: '2026-11-30T18:00:00.000Z',
  regionNames: { '3510': 'Kabupaten Banyuwangi', '3514': 'Kabupaten Pasuruan', '3509': 'Kabupaten Jember', '3578': 'Kota Surabaya' },
  sections: [
    { section: 'intake', figures: intake.map(suppress) },
    { section: 'caseload', figures: caseload.map(suppress) },
    { section: 'timeliness', figures: timeliness.map(suppress) },
    { section: 'reintegration', figures: reintegration.map(suppress) },
    { section: 'repeats', figures: repeats.map(suppress) },
    { section: 'regions', figures: regions.map(suppress) },
  ],
};

async function main(): Promise<void> {
  const pdf = await renderMonthlyPdf(FIXTURE);
  const out = process.argv[2] ?? join(tmpdir(), 'laporan-bulanan-3510-2026-11.pdf');
  writeFileSync(out, pdf);
  const shots = join(projectRoot(), 'docs', 'screenshots');
  const work = mkdtempSync(join(tmpdir(), 'monthly-pages-'));
  execFileSync('pdftoppm', ['-png', '-r', '80', out, join(work, 'p')]);
  for (const f of readdirSync(shots)) if (/^monthly-report-p\d+\.png$/.test(f)) rmSync(join(shots, f));
  const pages = readdirSync(work).filter((f) => f.endsWith('.png')).sort();
  pages.forEach((f) => renameSync(join(work, f), join(shots, `monthly-report-p${Number(/(\d+)\.png$/.exec(f)![1])}.png`)));
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`${out}: ${pdf.length} bytes, ${pages.length} pages → docs/screenshots/monthly-report-p1…p${pages.length}.png\n`);
}

void main();
