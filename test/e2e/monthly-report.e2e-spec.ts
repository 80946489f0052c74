import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import ExcelJS from 'exceljs';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import type { Figure } from '../../src/reports/figures';
import { monthName } from '../../src/reports/monthly/monthly-labels';
import { SHEET_NAMES } from '../../src/reports/monthly/monthly-xlsx';
import { localDay, previousMonth } from '../../src/reports/report-period';
import { REPORT_SECTIONS } from '../../src/reports/reports.service';
import { monthlyReportScheduleId } from '../../src/worker/monthly-report-schedule';
import { eventually } from '../helpers/eventually';
import { signedIn } from '../helpers/identity';
import { pdfPages } from '../helpers/pdf-text';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/**
 * Kabupaten Jeneponto (WITA, UTC+8), which no other test file uses: its cases this month are this file's
 * alone (Bantaeng's, 7303, are shared with the Puskesos tests in a full run). No protocol names it, so the
 * report calls it "Daerah 7304".
 */
const REGION = '7304';
const LABEL = 'Daerah 7304';
const OTHER = '3272';

type Stored = { id: string; regionCode: string; month: string; from: string; to: string; generatedAt: string };
type Notice = { kind: string; caseId: string | null; report: { id: string; month: string; title: string; pdf: string; xlsx: string } | null };

/** Supertest buffers a binary answer only when asked to. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The figures of one section sheet, read back: per figure id (the cell beside its title), its rows' keys and cells. */
function figuresOfSheet(sheet: ExcelJS.Worksheet): Map<string, { key: string; cells: unknown[] }[]> {
  const found = new Map<string, { key: string; cells: unknown[] }[]>();
  let current: { key: string; cells: unknown[] }[] | null = null;
  let header = false;
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const values = (row.values as unknown[]).slice(1);
    if (values.length === 0 || values.every((v) => v === null || v === undefined)) {
      current = null;
      continue;
    }
    const id = values[1];
    if (current === null && typeof id === 'string' && /^[a-zA-Z]+(\.[a-zA-Z]+)?$/.test(id)) {
      current = [];
      found.set(id, current);
      header = true;
      continue;
    }
    if (current === null) continue;
    if (header) {
      header = false;
      continue;
    }
    if (typeof values[1] !== 'string') continue; // "Tidak ada data…"
    current.push({ key: values[1], cells: values.slice(2) });
  }
  return found;
}

/**
 * The monthly report on the real stack (docs/monthly-report.md): the workbook holds the same
 * figures as the JSON API for the same region and month, "<5" included; the PDF carries the region and
 * the period on every page; bad months and other regions are refused; the worker's Temporal Schedule,
 * triggered, stores the previous month's report once per region, and the region's supervisor is told.
 */
describe('monthly report: PDF and workbook of the figures, and the schedule that delivers them', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const t = { cw: '', sup: '', auditor: '', otherSup: '' };
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    config = testConfig({ SINERGI_MONTHLY_REPORTS: 'true' });
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    temporal = await testTemporalClient(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', REGION)).token;
    t.sup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', REGION)).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', REGION)).token;
    t.otherSup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', OTHER)).token;
    // Seven cases this month: five men and two women (a small cell, and the men's count hidden with it).
    for (const [i, sex] of ['L', 'L', 'L', 'L', 'L', 'P', 'P'].entries()) {
      await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: REGION, person: { name: `Orang Bulanan ${i}`, sex, approximateAge: 30 + i } }).expect(201);
    }
  });

  afterAll(async () => {
    await temporal?.client.schedule.getHandle(monthlyReportScheduleId(config.temporal.taskQueue)).delete().catch(() => undefined);
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  const month = () => localDay(new Date(), REGION).slice(0, 7);
  const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

  it('gives the workbook the figures of the JSON API for the same region and month, "<5" kept as text', async () => {
    const m = month();
    const query = { region: REGION, from: `${m}-01`, to: lastDay(m) };
    const json = new Map<string, Figure[]>();
    for (const section of REPORT_SECTIONS) json.set(section, ((await as(t.sup).get(`/reports/${section}`).query(query).expect(200)).body as { figures: Figure[] }).figures);
    const res = await as(t.sup).get('/reports/monthly/xlsx').query({ region: REGION, month: m }).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="laporan-bulanan-${REGION}-${m}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Sampul', ...REPORT_SECTIONS.map((s) => SHEET_NAMES[s])]);
    const cover = book.getWorksheet('Sampul')!;
    const coverText = JSON.stringify(cover.getSheetValues());
    expect(coverText).toContain(LABEL);
    expect(coverText).toContain('WITA');
    expect(coverText).toContain(`${m}-01`);

    let compared = 0;
    for (const section of REPORT_SECTIONS) {
      const sheet = figuresOfSheet(book.getWorksheet(SHEET_NAMES[section])!);
      const figures = json.get(section)!;
      expect([...sheet.keys()]).toEqual(figures.map((f) => f.id));
      for (const f of figures) {
        expect([f.id, sheet.get(f.id)]).toEqual([f.id, f.rows.map((r) => ({ key: r.key, cells: r.cells.map((c) => c ?? undefined) }))]);
        compared += f.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(5);
    // The fixture shows through: seven cases by Razia, two women as "<5" and the five men hidden with them.
    const intake = book.getWorksheet(SHEET_NAMES.intake)!;
    const bySex = figuresOfSheet(intake).get('opened.bySex');
    expect(bySex).toEqual(json.get('intake')!.find((f) => f.id === 'opened.bySex')!.rows.map((r) => ({ key: r.key, cells: r.cells })));
    expect(bySex?.find((r) => r.key === 'P')?.cells[0]).toBe('<5');
    expect(figuresOfSheet(intake).get('opened.byChannel')).toEqual([{ key: 'RAZIA', cells: [7, 0] }]);
  });

  it('prints the PDF with the region and the period on every page, numbered "Halaman i dari N"', async () => {
    const m = month();
    const res = await as(t.auditor).get('/reports/monthly/pdf').query({ region: REGION, month: m }).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="laporan-bulanan-${REGION}-${m}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdf);
    // A title page, one section per report section (each on its own page or more), the notes.
    expect(pages.length).toBeGreaterThanOrEqual(1 + REPORT_SECTIONS.length + 1);
    expect(Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1])).toBe(pages.length);
    const period = `1–${Number(lastDay(m).slice(8))} ${monthName(m)}`;
    pages.forEach((text, i) => {
      expect([i, text.includes(`${LABEL} (${REGION})`), text.includes(period), text.includes(`Halaman ${i + 1} dari ${pages.length}`)]).toEqual([i, true, true, true]);
    });
    expect(pages[0]).toContain('Laporan Bulanan');
    expect(pages.join('\n')).toContain('Kasus baru menurut jenis kelamin');
    expect(pages.at(-1)).toContain('Catatan dan definisi');
  });

  it('refuses a malformed or future month (400) and a region outside the scope (403)', async () => {
    const bad = await as(t.sup).get('/reports/monthly/pdf').query({ month: '2026-13' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'month' }] });
    const region = await as(t.sup).get('/reports/monthly/xlsx').query({ region: '73x3' }).expect(400);
    expect(region.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'region' }] });
    const next = new Date(Date.UTC(Number(month().slice(0, 4)), Number(month().slice(5, 7)), 1)).toISOString().slice(0, 7);
    const future = await as(t.sup).get('/reports/monthly/pdf').query({ month: next }).expect(400);
    expect(future.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'month' }] });
    const elsewhere = await as(t.sup).get('/reports/monthly/pdf').query({ region: OTHER }).expect(403);
    expect(elsewhere.body).toMatchObject({ code: 'OUT_OF_SCOPE' });
    await as(t.cw).get('/reports/monthly/pdf').expect(403);
  });

  it("stores the previous month's report once per region when the schedule runs, and tells the region's supervisor", async () => {
    const handle = temporal.client.schedule.getHandle(monthlyReportScheduleId(config.temporal.taskQueue));
    const described = await handle.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 1, end: 1, step: 1 }] });
    expect(described.spec.timezone).toBe('Asia/Jakarta');
    const run = async (n: number) => {
      await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
      const actions = await eventually(async () => (await handle.describe()).info.recentActions, (a) => a.length >= n, 20_000);
      return temporal.client.workflow.getHandle(actions[n - 1]!.action.workflow.workflowId).result() as Promise<{ stored: number; existing: number }>;
    };
    const first = await run(1);
    expect(first.stored).toBeGreaterThanOrEqual(2); // this region's and the other one's, at least
    const second = await run(2);
    expect(second).toEqual({ stored: 0, existing: first.stored + first.existing });

    const { from, to } = previousMonth(REGION);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM monthly_report WHERE region_code = $1 AND period_from = $2', [REGION, from]);
    expect(rows.rows[0]?.n).toBe(1);
    const listed = (await as(t.sup).get('/reports/monthly').expect(200)).body.items as Stored[];
    const mine = listed.find((r) => r.regionCode === REGION && r.from === from);
    expect(mine).toMatchObject({ month: from.slice(0, 7), to });
    expect(listed.every((r) => r.regionCode.startsWith(REGION))).toBe(true);
    const stored = await as(t.sup).get(`/reports/monthly/${mine!.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect(stored.headers['content-disposition']).toBe(`attachment; filename="laporan-bulanan-${REGION}-${from.slice(0, 7)}.pdf"`);
    expect(pdfPages(stored.body as Buffer)[0]).toContain(`1–${Number(to.slice(8))} ${monthName(from.slice(0, 7))}`);
    await as(t.sup).get(`/reports/monthly/${mine!.id}/xlsx`).expect(200);
    // Another region's supervisor: their own report, never this one (as absent as an unknown id).
    expect((await as(t.otherSup).get(`/reports/monthly/${mine!.id}/pdf`).expect(404)).body).toMatchObject({ code: 'REPORT_NOT_FOUND' });

    const notices = (await as(t.sup).get('/notifications').expect(200)).body.items as Notice[];
    const notice = notices.find((n) => n.kind === 'MONTHLY_REPORT');
    expect(notice).toMatchObject({ caseId: null, report: { id: mine!.id, month: from.slice(0, 7), title: `Laporan bulanan ${monthName(from.slice(0, 7))} siap`, pdf: `/reports/monthly/${mine!.id}/pdf` } });
    expect(notices.filter((n) => n.kind === 'MONTHLY_REPORT')).toHaveLength(1);
    const workerNotices = (await as(t.cw).get('/notifications').expect(200)).body.items as Notice[];
    expect(workerNotices.some((n) => n.kind === 'MONTHLY_REPORT')).toBe(false);
    const others = (await as(t.otherSup).get('/notifications').expect(200)).body.items as Notice[];
    expect(others.filter((n) => n.kind === 'MONTHLY_REPORT').map((n) => n.report?.id)).not.toContain(mine!.id);
  });
});
