import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiToken, captureScreen, loginAs, REGION } from './fixtures';

/** A case opened through the API by the demo case worker (the browser is what is under test). */
async function openCase(request: APIRequestContext, name: string): Promise<string> {
  const token = await apiToken(request, 'caseworker');
  const res = await request.post('/cases', {
    headers: { authorization: `Bearer ${token}`, 'Idempotency-Key': `case-page-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: { channel: 'RAZIA', regionCode: REGION, person: { name, sex: 'L', approximateAge: 41 } },
  });
  expect([res.status(), res.status() === 201 ? '' : await res.text()]).toEqual([201, '']);
  return ((await res.json()) as { id: string }).id;
}

const stage = (page: Page) => page.getByTestId('case-stage');
const actionButtons = (page: Page) => page.getByTestId('case-actions').locator('button[data-action]');

test('a case worker moves a case on from its page; a stale page is refused with the reason and the steps allowed now; the history lists both', async ({ page, context, request }) => {
  const id = await openCase(request, 'Pak Rudi');
  await loginAs(page, 'caseworker');
  await page.goto(`/kasus/${id}`);

  await expect(page.getByRole('heading', { name: 'Pak Rudi' })).toBeVisible();
  await expect(stage(page)).toHaveText('Penerimaan');
  const header = page.getByTestId('case-header');
  for (const fact of ['Laki-laki', '41 tahun', 'Tidak ada NIK', 'Razia', '35.14', 'Satpol PP', '3514 versi 2']) await expect(header).toContainText(fact);
  await expect(page.getByTestId('case-lifecycle').locator('[aria-current="step"]')).toContainText('Penerimaan');
  await expect(page.getByTestId('countdown')).toContainText(/dalam \d+ (jam|menit)/);
  await expect(page.getByTestId('countdown')).toContainText('WIB');
  // The case worker's only step at intake; closing is the supervisor's.
  await expect(actionButtons(page)).toHaveText(['Mulai pemeriksaan kesehatan']);
  await captureScreen(page, 'case-page');

  // The same case in a second tab, where the health check is started.
  const other = await context.newPage();
  await loginAs(other, 'caseworker');
  await other.goto(`/kasus/${id}`);
  await other.getByRole('button', { name: 'Mulai pemeriksaan kesehatan' }).click();
  await other.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
  await expect(stage(other)).toHaveText('Pemeriksaan kesehatan');
  await expect(actionButtons(other)).toHaveText(['Catat hasil pemeriksaan kesehatan']);
  await expect(other.getByTestId('case-tasks').locator('tr[data-task-type="HEALTH_CHECK"]')).toContainText('Dinas Kesehatan');
  await other.close();

  // The first tab still offers the step already taken: the API refuses it and says what is allowed now.
  await expect(stage(page)).toHaveText('Penerimaan');
  await page.getByRole('button', { name: 'Mulai pemeriksaan kesehatan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Ya, lanjutkan' }).click();
  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText('Langkah ini tidak diperbolehkan pada tahap kasus sekarang.');
  // The reason in the reader's language, from the API's reasonCode (its title says it in English).
  await expect(refusal.getByTestId('refusal-reason')).toHaveText('Langkah “Mulai pemeriksaan kesehatan” tidak dapat dilakukan pada tahap Pemeriksaan kesehatan.');
  await expect(refusal.getByTestId('allowed-actions')).toContainText('Catat hasil pemeriksaan kesehatan');
  // The page catches up behind the dialog.
  await expect(stage(page)).toHaveText('Pemeriksaan kesehatan');
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(actionButtons(page)).toHaveText(['Catat hasil pemeriksaan kesehatan']);
  await expect(page.getByTestId('countdown')).toBeVisible();

  // The health check result: the API names the missing field; what was typed stays.
  await page.getByRole('button', { name: 'Catat hasil pemeriksaan kesehatan' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/Temuan klinis/).fill('Tekanan darah normal, tidak ada luka');
  await form.getByRole('button', { name: 'Simpan langkah' }).click();
  await expect(form.getByRole('alert')).toContainText('Isian belum benar');
  // Under the field itself, as the API words it.
  await expect(form.getByText('result must be one of FIT, NEEDS_TREATMENT, REFERRED_TO_HOSPITAL', { exact: true })).toBeVisible();
  await expect(form.getByLabel(/Temuan klinis/)).toHaveValue('Tekanan darah normal, tidak ada luka');
  await form.getByLabel('Layak (sehat)').check();
  await captureScreen(page, 'case-action-form');
  await form.getByRole('button', { name: 'Simpan langkah' }).click();
  await expect(form).toBeHidden();
  await expect(stage(page)).toHaveText('Asesmen');
  await expect(actionButtons(page)).toHaveText(['Catat asesmen', 'Catat penolakan rujukan']);
  const lifecycle = page.getByTestId('case-lifecycle');
  await expect(lifecycle.locator('[aria-current="step"]')).toContainText('Asesmen');
  await expect(page.getByTestId('case-tasks').locator('tr[data-task-type="HEALTH_CHECK"]')).toContainText('Dibatalkan');
  await expect(page.getByTestId('case-tasks').locator('tr[data-task-type="ASSESSMENT"]')).toContainText('Terbuka');

  await page.getByRole('tab', { name: 'Riwayat' }).click();
  const history = page.getByTestId('case-history');
  await expect(history.locator('tr[data-action="openCase"]')).toContainText('Kasus dibuka');
  await expect(history.locator('tr[data-action="startHealthCheck"][data-outcome="ACCEPTED"]')).toContainText('Diterima');
  await expect(history.locator('tr[data-action="startHealthCheck"][data-outcome="REJECTED"]')).toContainText('startHealthCheck refused: ILLEGAL_TRANSITION');
  await expect(history.locator('tr[data-action="recordHealthCheck"]')).toContainText('Pekerja sosial');
  await expect(history.locator('tr[data-action="stageChanged"]').first()).toContainText('HEALTH_CHECK → ASSESSMENT');
  await expect(history).not.toContainText('Tekanan darah');
  await captureScreen(page, 'case-history');
});

test('on a phone the supervisor sees the page whole, and only the supervisor is offered closing the case', async ({ page, request }) => {
  const id = await openCase(request, 'Pak Joko');
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, 'supervisor');
  await page.goto(`/kasus/${id}`);
  await expect(actionButtons(page)).toHaveText(['Mulai pemeriksaan kesehatan', 'Tutup kasus']);
  await expect(page.getByTestId('countdown')).toBeVisible();
  // Nothing wider than the screen: buttons wrap, tables scroll inside their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByRole('button', { name: 'Tutup kasus' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Laporan tidak terbukti').check();
  await form.getByLabel(/Catatan/).fill('Tidak ditemukan di lokasi razia');
  await form.getByRole('button', { name: 'Simpan langkah' }).click();
  await expect(stage(page)).toHaveText('Ditutup');
  await expect(page.getByTestId('case-header')).toContainText('Kasus ditutup: Laporan tidak terbukti');
  await expect(page.getByTestId('case-actions')).toContainText('Kasus sudah ditutup.');
  await expect(actionButtons(page)).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
