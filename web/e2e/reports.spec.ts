import { expect, test } from '@playwright/test';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs, REGION } from './fixtures';

type Cell = number | '<5' | null;
interface Report {
  from: string;
  figures: { id: string; rows: { key: string; cells: Cell[] }[] }[];
}

/** A case opened through the API by the supervisor (the dashboard is what is under test). */
async function openCase(request: APIRequestContext, token: string, name: string, approximateAge: number, sex: 'L' | 'P' = 'P'): Promise<string> {
  const res = await request.post('/cases', {
    headers: { authorization: `Bearer ${token}`, 'Idempotency-Key': `reports-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: { channel: 'RAZIA', regionCode: REGION, person: { name, sex, approximateAge } },
  });
  expect([201, 202]).toContain(res.status());
  return ((await res.json()) as { id: string }).id;
}

/** One cell of the intake report as the API answers it now (the current month). */
async function intakeCell(request: APIRequestContext, token: string, figure: string, key: string): Promise<Cell | undefined> {
  const report = await apiCall<Report>(request, token, 'GET', '/reports/intake');
  return report.figures.find((f) => f.id === figure)?.rows.find((r) => r.key === key)?.cells[0];
}

const figureTable = (page: Page, figure: string): Locator => page.getByTestId(`figure-${figure}`).getByTestId('figure-table');
const cellOf = (page: Page, figure: string, key: string): Locator => figureTable(page, figure).locator(`tr[data-row="${key}"] td`).first();

/**
 * Six elderly women (60+), six men (18–59) and one toddler (0–5) opened this month: the month's total
 * has a real count (one row, so no secondary suppression), the sexes two bars, the toddler's age group a
 * small cell (which, alone in its column, hides the next smallest too: secondary suppression).
 */
let opened = 0;
let ids: string[] = [];

test.beforeAll(async ({ request }) => {
  const token = await apiToken(request, 'supervisor');
  const before = (await intakeCell(request, token, 'opened.total', 'ALL')) ?? 0;
  const stamp = Date.now().toString(36);
  ids = [];
  for (let i = 0; i < 6; i++) ids.push(await openCase(request, token, `Ibu Laporan ${stamp} ${i}`, 70 + i));
  for (let i = 0; i < 6; i++) await openCase(request, token, `Pak Laporan ${stamp} ${i}`, 40 + i, 'L');
  await openCase(request, token, `Anak Laporan ${stamp}`, 3);
  // The report tables are kept by the ledger's writer: wait until the API counts the new cases.
  await expect.poll(async () => intakeCell(request, token, 'opened.total', 'ALL'), { timeout: 60_000 }).toEqual(typeof before === 'number' ? before + 13 : expect.any(Number));
  opened = (await intakeCell(request, token, 'opened.total', 'ALL')) as number;
  expect(opened).toBeGreaterThanOrEqual(13);
});

/** How many cases the drill-down of a row lists, as the API counts them. */
async function casesBehind(request: APIRequestContext, token: string, figure: string, key: string): Promise<number> {
  return (await apiCall<{ total: number }>(request, token, 'GET', `/reports/cases?figure=${figure}&key=${encodeURIComponent(key)}&limit=1`)).total;
}

test('the supervisor reads the dashboard, changes the period in the address, and opens the cases behind a figure', async ({ page, request }) => {
  const token = await apiToken(request, 'supervisor');
  await loginAs(page, 'supervisor');
  await page.getByRole('link', { name: 'Laporan', exact: true }).click();
  await expect(page).toHaveURL(/\/laporan$/);
  await expect(page.getByRole('heading', { name: 'Laporan forum koordinasi' })).toBeVisible();

  // The age-group figure: a chart, and its table with the API's count and an Indonesian caption.
  const ages = page.getByTestId('figure-opened.byAgeGroup');
  await expect(ages.getByRole('heading', { name: 'Kasus dibuka menurut kelompok umur' })).toBeVisible();
  await expect(page.getByTestId('figure-opened.bySex').getByTestId('figure-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
  await expect(figureTable(page, 'opened.byAgeGroup').locator('caption')).toContainText(/Kasus dibuka menurut kelompok umur — 35\.14 · \d{4}-\d{2}-01 – \d{4}-\d{2}-\d{2} \(WIB\)/);
  await expect(figureTable(page, 'opened.byAgeGroup').locator('thead')).toContainText('Kelompok umur');
  await expect(figureTable(page, 'opened.byAgeGroup').locator('thead')).toContainText('Kasus');
  await expect(cellOf(page, 'opened.total', 'ALL')).toHaveText(String(opened));
  // Every age group shows what the API answers: "<5" for a count of 1–4 (the toddler's group at least
  // when no earlier test opened a child's case this month), explained under the table.
  const report = await apiCall<Report>(request, token, 'GET', '/reports/intake');
  const byAge = report.figures.find((f) => f.id === 'opened.byAgeGroup')!.rows;
  for (const row of byAge) await expect(cellOf(page, 'opened.byAgeGroup', row.key)).toHaveText(String(row.cells[0]));
  expect(byAge.some((r) => r.cells[0] === '<5')).toBe(true);
  await expect(ages).toContainText('<5: 1–4, disembunyikan');
  await captureScreen(page, 'reports-dashboard');

  // Last month: the address says so, and this month's cases are not in it.
  await page.getByRole('button', { name: 'Bulan lalu' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
  const lastMonth = new URL(page.url()).searchParams.get('from')!;
  await expect(page.getByTestId('report-intake')).toHaveAttribute('data-from', lastMonth);
  await expect(cellOf(page, 'opened.total', 'ALL')).not.toHaveText(String(opened));

  // The caseload tab from the address of a shared view; back to this month.
  await page.getByRole('tab', { name: 'Beban kasus' }).click();
  await expect(page).toHaveURL(/bagian=caseload/);
  await expect(page.getByTestId('figure-caseload.byStage')).toContainText('Penerimaan');
  await page.getByRole('tab', { name: 'Kasus masuk & ditutup' }).click();
  await page.getByRole('button', { name: 'Bulan ini' }).click();
  await expect(cellOf(page, 'opened.total', 'ALL')).toHaveText(String(opened));

  // Drill down: the 60+ count opens the cases behind it, newest first, paged; one opens its case page.
  await cellOf(page, 'opened.byAgeGroup', '60+').getByRole('button').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Kasus di balik angka: Kasus dibuka menurut kelompok umur — 60+ tahun');
  const elderly = await casesBehind(request, token, 'opened.byAgeGroup', '60+');
  expect(elderly).toBeGreaterThanOrEqual(6);
  await expect(drawer.getByTestId('drill-case')).toHaveCount(Math.min(10, elderly));
  await expect(drawer).toContainText(`dari ${Math.ceil(elderly / 10)} · ${elderly} data`);
  const newest = ids.at(-1)!;
  await expect(drawer.getByTestId('drill-case').first()).toContainText(newest.slice(0, 8));
  await captureScreen(page, 'reports-drill-down');
  await drawer.getByRole('link', { name: `Buka kasus ${newest.slice(0, 8)}` }).click();
  await expect(page).toHaveURL(new RegExp(`/kasus/${newest}$`));
});

test('on a 375 px phone the dashboard fits: charts shrink, tables scroll inside their own box', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await loginAs(page, 'supervisor');
  await page.goto('/laporan');
  await expect(cellOf(page, 'opened.total', 'ALL')).toHaveText(String(opened));
  const chart = page.getByTestId('figure-opened.byAgeGroup').getByTestId('figure-chart');
  expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await captureScreen(page, 'reports-dashboard-phone');
});

test('an admin sees the figures but no cases behind them; a case worker has no Laporan entry', async ({ page, browser }) => {
  await loginAs(page, 'admin');
  await page.getByRole('link', { name: 'Laporan', exact: true }).click();
  await expect(cellOf(page, 'opened.total', 'ALL')).toHaveText(String(opened));
  await expect(page.getByTestId('figure-opened.byAgeGroup').locator('.figure-drill')).toHaveCount(0);
  await expect(page.getByText('Klik batang atau angka')).toHaveCount(0);

  const worker = await (await browser.newContext()).newPage();
  await loginAs(worker, 'caseworker');
  await expect(worker.getByRole('link', { name: 'Kasus' }).first()).toBeVisible();
  await expect(worker.getByRole('link', { name: 'Laporan', exact: true })).toHaveCount(0);
  await worker.close();
});
