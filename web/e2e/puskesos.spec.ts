import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs } from './fixtures';

/** A name no other test (or earlier run on the same data) uses. */
const NAME = `Ibu Aduan ${Date.now().toString(36)}`;
const REASON = 'Rumah tidak layak huni; perlu program RTLH kabupaten.';

type Task = { id: string; caseId: string; type: string; status: string };

const cardOf = (page: Page, type: string) => page.getByTestId('task-card').filter({ hasText: NAME }).filter({ hasText: type });

/**
 * The SLRT path of Kabupaten Bantaeng (demo seed; protocol 7303 v2): the village Puskesos takes a
 * complaint in with its own intake point, finds it in its inbox and refers it to the regency; the UPT
 * SPMKS "Sipakatau" finds the referral, with the reason, in its own inbox.
 */
test.describe.serial('Puskesos intake and referral to the regency (Bantaeng)', () => {
  test('the Puskesos officer opens a complaint with the intake point prefilled and locked, and refers it with a reason', async ({ page }) => {
    test.setTimeout(150_000);
    await loginAs(page, 'puskesos_bantaeng');
    await page.getByRole('link', { name: 'Buka kasus', exact: true }).click();
    await expect(page).toHaveURL(/\/kasus\/baru$/);
    // The intake point comes from the API: their village and Puskesos, the complaint channel and the region, locked.
    const point = page.getByTestId('intake-point');
    await expect(point.getByLabel('Kode desa/kelurahan')).toHaveValue('73.03.02.2005');
    await expect(point.getByLabel('Kode desa/kelurahan')).toHaveAttribute('readonly', '');
    await expect(point.getByLabel('Puskesos')).toHaveValue('Puskesos Desa Demo, Kabupaten Bantaeng');
    await expect(page.getByRole('radio', { name: 'Pengaduan' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Razia' })).toBeDisabled();
    await expect(page.getByLabel('Kode kab/kota penanganan')).toHaveValue('73.03');
    await expect(page.getByLabel('Kode kab/kota penanganan')).toHaveAttribute('readonly', '');

    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill(NAME);
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('58');
    await captureScreen(page, 'puskesos-intake-form');
    await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();

    // A Puskesos officer does not read case files: the complaint waits in their inbox.
    await expect(page).toHaveURL(/\/tugas/);
    const intake = cardOf(page, 'Penerimaan pengaduan Puskesos');
    // The inbox refreshes every 30 s: on a busy machine the task may arrive just after the first read.
    await expect(intake).toBeVisible({ timeout: 65_000 });
    await expect(intake.getByTestId('task-status')).toHaveText('Terbuka');
    await expect(intake.getByRole('button', { name: 'Catat hasil' })).toHaveCount(0);
    await captureScreen(page, 'puskesos-inbox');

    await intake.getByRole('button', { name: 'Rujuk ke kabupaten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rujuk ke kabupaten: Penerimaan pengaduan Puskesos' });
    await expect(dialog).toBeVisible();
    // Without a reason the API refuses, and says which field.
    await dialog.getByLabel('Alasan rujukan').fill('   ');
    await dialog.getByRole('button', { name: 'Rujuk', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('reason');
    await dialog.getByLabel('Alasan rujukan').fill(REASON);
    await captureScreen(page, 'puskesos-refer-form');
    await dialog.getByRole('button', { name: 'Rujuk', exact: true }).click();
    await expect(dialog).toBeHidden();
    // Done: the task leaves the list of work to do.
    await expect(cardOf(page, 'Penerimaan pengaduan Puskesos')).toHaveCount(0);
  });

  test('the UPT SPMKS officer finds the referral in their inbox with the reason, on a phone too', async ({ page, request }) => {
    const upt = await apiToken(request, 'upt_spmks_bantaeng');
    await expect
      .poll(async () => (await apiCall<{ items: Task[] }>(request, upt, 'GET', '/tasks?status=OPEN&limit=100')).items.some((t) => t.type === 'REGENCY_REFERRAL'), { timeout: 30_000 })
      .toBe(true);
    await page.setViewportSize({ width: 360, height: 780 });
    await loginAs(page, 'upt_spmks_bantaeng');
    await expect(page).toHaveURL(/\/tugas/);
    const referral = cardOf(page, 'Rujukan dari Puskesos');
    await expect(referral).toBeVisible({ timeout: 30_000 });
    await expect(referral.getByTestId('task-referral')).toContainText(REASON);
    await expect(referral.getByTestId('task-referral')).toContainText('puskesos_bantaeng');
    // Not the Puskesos's step: the unit claims or records its own outcome.
    await expect(referral.getByRole('button', { name: 'Rujuk ke kabupaten' })).toHaveCount(0);
    await expect(referral.getByRole('button', { name: 'Ambil tugas' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await captureScreen(page, 'puskesos-upt-inbox');
  });
});
