import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { loginAs } from './fixtures';

/**
 * The whole journey of one case, by clicking only, in Bahasa Indonesia, each person in their own
 * browser session: the case worker opens a razia case and starts the health check; Dinkes claims
 * and completes it in the inbox; the case worker sees the assessment stage and refers the person to
 * a shelter; the supervisor extends the stay; the auditor verifies the chain and downloads an export.
 */
const NAME = `Pak Perjalanan ${Date.now().toString(36)}`;

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, username);
  return page;
}

const stage = (page: Page) => page.getByTestId('case-stage');

test('one case from razia to shelter extension and audit, across five people', async ({ browser }) => {
  test.setTimeout(180_000);

  // 1. The case worker opens the case through the form and starts the health check.
  const caseWorker = await as(browser, 'caseworker');
  await caseWorker.getByRole('link', { name: 'Buka kasus baru' }).click();
  await caseWorker.getByRole('radio', { name: 'Razia' }).check();
  await caseWorker.getByRole('textbox', { name: 'Nama', exact: true }).fill(NAME);
  await caseWorker.getByRole('radio', { name: 'Laki-laki' }).check();
  await caseWorker.getByLabel('Perkiraan umur (tahun)').fill('38');
  await caseWorker.getByRole('button', { name: 'Buka kasus', exact: true }).click();
  await expect(caseWorker).toHaveURL(/\/kasus\/[0-9a-f-]{36}$/);
  const caseId = caseWorker.url().split('/').pop() as string;
  await expect(stage(caseWorker)).toHaveText('Penerimaan');
  await caseWorker.getByRole('button', { name: 'Mulai pemeriksaan kesehatan' }).click();
  await caseWorker.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
  await expect(stage(caseWorker)).toHaveText('Pemeriksaan kesehatan');

  // 2. The Dinkes officer finds the task in the inbox (delivery is asynchronous), claims it and records FIT.
  const dinkes = await as(browser, 'dinkes');
  await expect(dinkes).toHaveURL(/\/tugas$/);
  await dinkes.getByLabel('ID kasus').fill(caseId);
  await dinkes.getByRole('button', { name: 'Cari' }).click();
  const task = dinkes.getByTestId('task-card').filter({ hasText: caseId });
  await expect(async () => {
    await dinkes.reload();
    await expect(task).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await expect(task).toContainText('Pemeriksaan kesehatan');
  await task.getByRole('button', { name: 'Ambil tugas' }).click();
  // An open task offers "Catat hasil" too: wait for the card in the claimed list, or the click lands on
  // the open list's card just before that list drops it.
  const claimed = dinkes.getByTestId('task-list-claimed').getByTestId('task-card').filter({ hasText: caseId });
  await expect(claimed.getByTestId('task-status')).toHaveText('Diambil');
  await claimed.getByRole('button', { name: 'Catat hasil' }).click();
  const form = dinkes.getByTestId('complete-form');
  await form.getByRole('textbox', { name: 'Hasil pemeriksaan' }).click();
  await dinkes.getByRole('option', { name: 'Sehat, dapat melanjutkan' }).click();
  await form.getByLabel('Temuan pemeriksaan').fill('Tanda vital normal');
  await form.getByRole('button', { name: 'Simpan hasil' }).click();
  await expect(dinkes.getByRole('dialog')).toHaveCount(0);

  // 3. The case worker's page shows the assessment stage (it polls); the assessment refers to a shelter.
  await expect(stage(caseWorker)).toHaveText('Asesmen', { timeout: 45_000 });
  await caseWorker.getByRole('button', { name: 'Catat asesmen' }).click();
  const assessment = caseWorker.getByRole('dialog');
  await assessment.getByRole('textbox', { name: 'Kategori PPKS' }).click();
  await caseWorker.getByRole('option', { name: /PPKS-11 Gelandangan/ }).click();
  await caseWorker.keyboard.press('Escape');
  await assessment.getByRole('radio', { name: 'Rumah singgah / shelter' }).check();
  await assessment.getByRole('radio', { name: 'Shelter dewasa' }).check();
  await assessment.getByRole('button', { name: 'Simpan langkah' }).click();
  await expect(stage(caseWorker)).toHaveText('Rumah singgah / shelter');
  // The lifecycle shows the path taken (the API's stagesEntered): treatment was not needed.
  const lifecycle = caseWorker.getByTestId('case-lifecycle');
  await expect(lifecycle.locator('[data-stage="HEALTH_CHECK"]')).toHaveAttribute('data-step', 'passed');
  await expect(lifecycle.locator('[data-stage="MEDICAL_TREATMENT"]')).toHaveAttribute('data-step', 'skipped');
  await expect(lifecycle.locator('[data-stage="SHELTER"]')).toHaveAttribute('data-step', 'current');
  const firstDeadline = await caseWorker.getByTestId('countdown').locator('time').getAttribute('datetime');

  // 4. The supervisor finds the case in the list and extends the shelter stay by 7 days.
  const supervisor = await as(browser, 'supervisor');
  await supervisor.getByRole('link', { name: 'Kasus', exact: true }).click();
  await supervisor.getByRole('searchbox', { name: 'Cari' }).fill(NAME);
  await supervisor.getByRole('searchbox', { name: 'Cari' }).press('Enter');
  await supervisor.getByTestId('case-row').getByRole('link', { name: NAME }).click();
  await expect(stage(supervisor)).toHaveText('Rumah singgah / shelter');
  await supervisor.getByRole('button', { name: 'Perpanjang masa tinggal di shelter' }).click();
  const extend = supervisor.getByRole('dialog');
  await extend.getByLabel('Tambahan hari').fill('7');
  await extend.getByLabel('Alasan').fill('Menunggu hasil penelusuran keluarga');
  await extend.getByRole('button', { name: 'Simpan langkah' }).click();
  await expect(supervisor.getByRole('dialog')).toHaveCount(0);
  const extended = await supervisor.getByTestId('countdown').locator('time').getAttribute('datetime');
  expect(Date.parse(extended as string) - Date.parse(firstDeadline as string)).toBeGreaterThanOrEqual(7 * 86_400_000 - 60_000);

  // 5. The auditor finds the case's events, verifies the chain and downloads the JSON export.
  const auditor = await as(browser, 'auditor');
  await auditor.getByLabel('ID kasus').fill(caseId);
  await auditor.getByRole('button', { name: 'Cari' }).click();
  await auditor.getByTestId('audit-events').getByRole('link', { name: caseId.slice(0, 8) }).first().click();
  await expect(auditor).toHaveURL(new RegExp(`/auditor/kasus/${caseId}$`));
  await expect(auditor.getByTestId('chain-check')).toHaveAttribute('data-valid', 'true');
  await expect(auditor.getByTestId('chain-check')).toContainText('Rantai utuh');
  const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByTestId('export-json').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { records: { action: string; outcome: string }[] };
  const accepted = exported.records.filter((r) => r.outcome === 'ACCEPTED').map((r) => r.action);
  expect(accepted).toEqual(expect.arrayContaining(['openCase', 'startHealthCheck', 'recordHealthCheck', 'recordAssessment', 'extendShelterStay']));
  expect(accepted.indexOf('extendShelterStay')).toBeGreaterThan(accepted.indexOf('recordAssessment'));
});
