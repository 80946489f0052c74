import PDFDocument from 'pdfkit';
import type { ReportSection } from '../reports.service';
import { SUPPRESSED } from '../figures';
import type { FigureTable, MonthlyReportDocument } from './monthly-document';
import { cellText, generatedText, tableOf } from './monthly-document';
import { figureText, periodText, SECTION_TITLES } from './monthly-labels';
import { NOTES } from './monthly-notes';

type Doc = PDFKit.PDFDocument;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const ACCENT = '#1d4e89';
const RULE = '#c5ccd6';
const BAR = '#2f6db3';
const STRIPE = '#f2f5f9';
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';

/** Bars drawn for at most this many rows; a longer figure is shown by its table alone. */
const MAX_BARS = 14;

/**
 * The monthly report as an A4 PDF in Bahasa Indonesia: a title page, one section per report section
 * (each figure as a horizontal bar chart drawn as vectors and as a table that breaks across pages with
 * its header repeated), and a page of notes and definitions. Every page carries the region and the
 * period in its header and footer with "Halaman i dari N". Built-in Helvetica (no font files).
 */
export function renderMonthlyPdf(d: MonthlyReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `Laporan Bulanan Penanganan PPKS — ${d.regionName} — ${periodText(d.from, d.to)}`, Author: 'Sinergi', Creator: 'Sinergi', CreationDate: new Date(d.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  titlePage(doc, d);
  d.sections.forEach((s, i) => section(doc, i + 1, s.section, s.figures.map((f) => tableOf(f, d.regionNames))));
  notesPage(doc, d);
  pageFrames(doc, d);
  doc.end();
  return done;
}

function titlePage(doc: Doc, d: MonthlyReportDocument): void {
  doc.addPage();
  doc.rect(0, 0, A4.width, 190).fill(ACCENT);
  doc.fillColor('#ffffff').font(BOLD).fontSize(11).text('SINERGI · PENANGANAN KASUS PPKS TERPADU', MARGIN.left, 64, { width: CONTENT_WIDTH, characterSpacing: 1 });
  doc.font(BOLD).fontSize(26).text('Laporan Bulanan', MARGIN.left, 96, { width: CONTENT_WIDTH });
  doc.font(FONT).fontSize(16).text('Penanganan PPKS', MARGIN.left, 130, { width: CONTENT_WIDTH });
  let y = 250;
  const line = (label: string, value: string, size = 18) => {
    doc.fillColor(MUTED).font(FONT).fontSize(10).text(label.toUpperCase(), MARGIN.left, y, { width: CONTENT_WIDTH, characterSpacing: 0.6 });
    doc.fillColor(INK).font(BOLD).fontSize(size).text(value, MARGIN.left, y + 15, { width: CONTENT_WIDTH });
    y = doc.y + 22;
  };
  line('Daerah', d.region === '' ? d.regionName : `${d.regionName} (${d.region})`, 22);
  line('Periode', `${periodText(d.from, d.to)} (${d.zone})`);
  line('Dibuat', generatedText(d.generatedAt, d.zone), 13);
  line('Oleh', 'Sinergi — sistem penanganan kasus PPKS lintas lembaga', 13);
  y += 10;
  doc.moveTo(MARGIN.left, y).lineTo(A4.width - MARGIN.right, y).lineWidth(0.7).strokeColor(RULE).stroke();
  y += 16;
  doc.fillColor(ACCENT).font(BOLD).fontSize(12).text('Isi laporan', MARGIN.left, y);
  y = doc.y + 8;
  const entries = [...d.sections.map((s, i) => `${i + 1}.  ${SECTION_TITLES[s.section]}`), `${d.sections.length + 1}.  Catatan dan definisi`];
  for (const entry of entries) {
    doc.fillColor(INK).font(FONT).fontSize(11).text(entry, MARGIN.left + 8, y);
    y = doc.y + 5;
  }
  doc.fillColor(MUTED).font(ITALIC).fontSize(9).text(NOTES.confidentiality, MARGIN.left, BOTTOM - 40, { width: CONTENT_WIDTH });
}

/** Starts a new page when `height` does not fit below the current position. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

function section(doc: Doc, n: number, s: ReportSection, tables: FigureTable[]): void {
  doc.addPage();
  doc.y = MARGIN.top;
  doc.fillColor(ACCENT).font(BOLD).fontSize(17).text(`${n}. ${SECTION_TITLES[s]}`, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc.moveTo(MARGIN.left, doc.y).lineTo(A4.width - MARGIN.right, doc.y).lineWidth(1.2).strokeColor(ACCENT).stroke();
  doc.y += 12;
  if (tables.length === 0) doc.fillColor(MUTED).font(ITALIC).fontSize(10).text('Tidak ada angka untuk bagian ini.', MARGIN.left, doc.y);
  tables.forEach((t, i) => figure(doc, `${n}.${i + 1}`, t));
}

function figure(doc: Doc, number: string, t: FigureTable): void {
  const chartRows = chartable(t);
  // Title, note, and the chart (or the table's first rows) stay together on one page.
  room(doc, 60 + (chartRows === null ? 40 : chartRows.length * 15 + 20));
  doc.fillColor(INK).font(BOLD).fontSize(12).text(`${number}  ${t.title}`, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  const note = figureText(t.id).note;
  if (note !== undefined) doc.fillColor(MUTED).font(ITALIC).fontSize(8.5).text(note, MARGIN.left, doc.y + 2, { width: CONTENT_WIDTH });
  doc.y += 6;
  if (t.rows.length === 0) {
    doc.fillColor(MUTED).font(ITALIC).fontSize(9.5).text('Tidak ada data dalam periode ini.', MARGIN.left, doc.y);
    doc.y += 16;
    return;
  }
  if (chartRows !== null) barChart(doc, t, chartRows);
  table(doc, t);
  doc.y += 16;
}

/** The rows worth a chart: more than one row, not too many, and a count column to draw. */
function chartable(t: FigureTable): FigureTable['rows'] | null {
  if (t.rows.length < 2 || t.rows.length > MAX_BARS || t.kinds[0] !== 'count') return null;
  // Nothing but small cells: a chart would only draw the suppression.
  return t.rows.some((r) => typeof r.cells[0] === 'number' && r.cells[0] > 0) ? t.rows : null;
}

function barChart(doc: Doc, t: FigureTable, rows: FigureTable['rows']): void {
  const labelWidth = 170;
  const valueWidth = 40;
  const barRow = 15;
  const barHeight = 9;
  const x0 = MARGIN.left + labelWidth + 6;
  const maxWidth = CONTENT_WIDTH - labelWidth - 6 - valueWidth;
  const values = rows.map((r) => (typeof r.cells[0] === 'number' ? r.cells[0] : 0));
  const max = Math.max(10, ...values);
  let y = doc.y + 4;
  doc.fontSize(8.5);
  rows.forEach((r, i) => {
    const cell = r.cells[0] ?? null;
    const label = fit(doc, r.label, labelWidth);
    doc.fillColor(INK).font(FONT).text(label, MARGIN.left, y + 1, { width: labelWidth, align: 'right', lineBreak: false });
    // A suppressed count is drawn as an outlined stub below five, never as its true length.
    const width = cell === SUPPRESSED ? (maxWidth * 4.5) / max : (maxWidth * values[i]!) / max;
    if (cell === SUPPRESSED) doc.rect(x0, y, Math.max(width, 2), barHeight).lineWidth(0.6).dash(1.5, { space: 1.5 }).strokeColor(BAR).stroke().undash();
    else if (width > 0) doc.rect(x0, y, Math.max(width, 1), barHeight).fill(BAR);
    doc.fillColor(INK).font(BOLD).text(cellText(cell, 'count'), x0 + Math.max(width, 0) + 4, y + 1, { width: valueWidth, lineBreak: false });
    y += barRow;
  });
  doc.moveTo(x0, doc.y + 2).lineTo(x0, y - 2).lineWidth(0.6).strokeColor(RULE).stroke();
  doc.fillColor(MUTED).font(FONT).fontSize(7.5).text(`Grafik: ${t.headers[1] ?? ''}`, x0, y + 1, { width: maxWidth, lineBreak: false });
  doc.y = y + 16;
}

/** A label cut to one line of `width`, with an ellipsis. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

const PAD = 4;

function table(doc: Doc, t: FigureTable): void {
  const numeric = t.headers.length - 1;
  const first = numeric <= 2 ? CONTENT_WIDTH - numeric * 95 : Math.max(150, CONTENT_WIDTH - numeric * 62);
  const other = (CONTENT_WIDTH - first) / Math.max(numeric, 1);
  const widths = [first, ...Array.from({ length: numeric }, () => other)];
  const header = () => {
    doc.font(BOLD).fontSize(8);
    const height = Math.max(...t.headers.map((h, i) => doc.heightOfString(h || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    room(doc, height + 18);
    const y = doc.y;
    doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill('#e3e9f1');
    let x = MARGIN.left;
    t.headers.forEach((h, i) => {
      doc.fillColor(INK).font(BOLD).fontSize(8).text(h, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc.y = y + height;
  };
  header();
  t.rows.forEach((r, j) => {
    doc.font(FONT).fontSize(8.5);
    const height = doc.heightOfString(r.label, { width: widths[0]! - 2 * PAD }) + 2 * PAD;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN.top;
      doc.fillColor(MUTED).font(ITALIC).fontSize(8).text(`${t.title} (lanjutan)`, MARGIN.left, doc.y);
      doc.y += 3;
      header();
    }
    const y = doc.y;
    if (j % 2 === 1) doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(STRIPE);
    doc.fillColor(INK).font(FONT).fontSize(8.5).text(r.label, MARGIN.left + PAD, y + PAD, { width: widths[0]! - 2 * PAD });
    let x = MARGIN.left + widths[0]!;
    r.cells.forEach((c, i) => {
      doc.fillColor(c === SUPPRESSED ? MUTED : INK).font(FONT).fontSize(8.5).text(cellText(c, t.kinds[i]!), x + PAD, y + PAD, { width: widths[i + 1]! - 2 * PAD, align: 'right', lineBreak: false });
      x += widths[i + 1]!;
    });
    doc.y = y + height;
  });
  doc.moveTo(MARGIN.left, doc.y).lineTo(A4.width - MARGIN.right, doc.y).lineWidth(0.6).strokeColor(RULE).stroke();
}

function notesPage(doc: Doc, d: MonthlyReportDocument): void {
  doc.addPage();
  doc.y = MARGIN.top;
  doc.fillColor(ACCENT).font(BOLD).fontSize(17).text(`${d.sections.length + 1}. Catatan dan definisi`, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc.moveTo(MARGIN.left, doc.y).lineTo(A4.width - MARGIN.right, doc.y).lineWidth(1.2).strokeColor(ACCENT).stroke();
  doc.y += 12;
  for (const [title, body] of NOTES.definitions(d)) {
    room(doc, 50);
    doc.fillColor(INK).font(BOLD).fontSize(10.5).text(title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.fillColor(INK).font(FONT).fontSize(9.5).text(body, MARGIN.left, doc.y + 3, { width: CONTENT_WIDTH, lineGap: 2, align: 'justify' });
    doc.y += 12;
  }
}

/** Header and footer of every page, written once the page count is known. */
function pageFrames(doc: Doc, d: MonthlyReportDocument): void {
  const { start, count } = doc.bufferedPageRange();
  const where = `${d.regionName}${d.region === '' ? '' : ` (${d.region})`}`;
  const period = `Periode ${periodText(d.from, d.to)} (${d.zone})`;
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    // Writing in the margins: without this the text would start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    if (i > start) {
      doc.fillColor(MUTED).font(FONT).fontSize(8).text(`Laporan Bulanan Penanganan PPKS · ${where}`, MARGIN.left, 34, { width: CONTENT_WIDTH * 0.62, lineBreak: false });
      doc.text(period, MARGIN.left + CONTENT_WIDTH * 0.5, 34, { width: CONTENT_WIDTH * 0.5, align: 'right', lineBreak: false });
      doc.moveTo(MARGIN.left, 48).lineTo(A4.width - MARGIN.right, 48).lineWidth(0.5).strokeColor(RULE).stroke();
    }
    const y = A4.height - 42;
    doc.moveTo(MARGIN.left, y - 8).lineTo(A4.width - MARGIN.right, y - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.fillColor(MUTED).font(FONT).fontSize(8).text(`${where} · ${period}`, MARGIN.left, y, { width: CONTENT_WIDTH * 0.75, lineBreak: false });
    doc.text(`Halaman ${i - start + 1} dari ${count}`, MARGIN.left + CONTENT_WIDTH * 0.6, y, { width: CONTENT_WIDTH * 0.4, align: 'right', lineBreak: false });
    doc.page.margins = margins;
  }
}
