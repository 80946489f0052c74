import ExcelJS from 'exceljs';
import type { ReportSection } from '../reports.service';
import type { MonthlyReportDocument } from './monthly-document';
import { generatedText, tableOf } from './monthly-document';
import { periodText, SECTION_TITLES } from './monthly-labels';
import { NOTES } from './monthly-notes';

/** Sheet names (at most 31 characters, none of `\/?*[]:`). */
export const SHEET_NAMES: Record<ReportSection, string> = {
  intake: 'Penerimaan',
  caseload: 'Beban kasus',
  timeliness: 'Ketepatan waktu',
  reintegration: 'Reintegrasi',
  repeats: 'Kasus berulang',
  regions: 'Per kabupaten-kota',
};
export const COVER_SHEET = 'Sampul';

const BOLD = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E9F1' } };

/**
 * The monthly report's figures as a workbook: a cover sheet (region, period, notes) and one sheet per
 * section. Each figure: its title with its id (as in `GET /reports/<section>`) beside it, a header
 * row, then one row per key: the name, the code, and the cells as the API gives them — numbers as
 * numbers, `<5` as text, an empty cell where the API has null.
 */
export async function renderMonthlyXlsx(d: MonthlyReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sinergi';
  book.created = new Date(d.generatedAt);
  cover(book.addWorksheet(COVER_SHEET), d);
  for (const s of d.sections) {
    const sheet = book.addWorksheet(SHEET_NAMES[s.section]);
    sheet.getColumn(1).width = 44;
    sheet.getColumn(2).width = 14;
    for (let c = 3; c <= 12; c += 1) sheet.getColumn(c).width = 16;
    sheet.addRow([SECTION_TITLES[s.section]]).font = { bold: true, size: 14 };
    sheet.addRow([`${d.regionName} · ${periodText(d.from, d.to)} (${d.zone})`]).font = { italic: true };
    for (const figure of s.figures) {
      const t = tableOf(figure, d.regionNames);
      sheet.addRow([]);
      const title = sheet.addRow([t.title, t.id]);
      title.getCell(1).font = { bold: true, size: 12 };
      title.getCell(2).font = { color: { argb: 'FF7A8594' }, size: 9 };
      const header = sheet.addRow([t.headers[0] || 'Baris', 'Kode', ...t.headers.slice(1)]);
      header.font = BOLD;
      header.eachCell((cell) => (cell.fill = HEADER_FILL));
      for (const r of t.rows) {
        const row = sheet.addRow([r.label, r.key, ...r.cells]);
        r.cells.forEach((c, i) => {
          const cell = row.getCell(i + 3);
          cell.alignment = { horizontal: 'right' };
          if (typeof c === 'number') cell.numFmt = t.kinds[i] === 'count' ? '#,##0' : '0.0';
        });
      }
      if (t.rows.length === 0) sheet.addRow(['Tidak ada data dalam periode ini.']).font = { italic: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cover(sheet: ExcelJS.Worksheet, d: MonthlyReportDocument): void {
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 100;
  sheet.addRow(['Laporan Bulanan Penanganan PPKS']).font = { bold: true, size: 16 };
  sheet.addRow([]);
  const facts: [string, string][] = [
    ['Daerah', d.regionName],
    ['Kode daerah', d.region === '' ? '(nasional)' : d.region],
    ['Periode', periodText(d.from, d.to)],
    ['Dari', d.from],
    ['Sampai dengan', d.to],
    ['Zona waktu', d.zone],
    ['Dibuat', generatedText(d.generatedAt, d.zone)],
    ['Oleh', 'Sinergi'],
  ];
  for (const [k, v] of facts) sheet.addRow([k, v]).getCell(1).font = BOLD;
  sheet.addRow([]);
  sheet.addRow(['Catatan dan definisi']).font = { bold: true, size: 12 };
  for (const [k, v] of NOTES.definitions(d)) {
    const row = sheet.addRow([k, v]);
    row.getCell(1).font = BOLD;
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([]);
  sheet.addRow(['Isi', d.sections.map((s) => SHEET_NAMES[s.section]).join(', ')]).getCell(1).font = BOLD;
}
