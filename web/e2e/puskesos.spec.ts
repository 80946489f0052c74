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
  test('the Puskesos officer opens a complaint with the intake point prefilled and locked, and refers it with a reason', async ({ page, request }) => {
    test.setTimeout(150_000);
    await loginAs(page, 'puskesos_bantaeng');
    await page.getByRole('link', { name: 'Buka kasus', exact: true }).click();
    await expect(page).toHaveURL(/\/kasus\/baru$/);
    // The intake point comes from the API: their village and Puskesos, the complaint channel and the region, locked.
    const point = page.getByTestId('intake-point');
    await expect(point.getByLabel('Kode desa/kelurahan')).toHaveValue('73.03.02.2005');
    await expect(point.getByLabel('Kode desa/kelurahan')).toHaveAttribute('readonly', '');
    await expect(point.getByLabel('Puskesos')).toHaveValue('Puskesos Kabupaten Bantaeng');
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
    // The officer posted in the other village of the same Puskesos neither sees nor takes it.
    const [first, second] = [await apiToken(request, 'puskesos_bantaeng'), await apiToken(request, 'puskesos_bantaeng2')];
    const open = async (token: string) => (await apiCall<{ items: (Task & { case: unknown })[] }>(request, token, 'GET', '/tasks?status=OPEN&limit=100')).items;
    const mine = (await open(first)).find((task) => JSON.stringify(task.case).includes(NAME));
    expect(mine).toBeDefined();
    expect((await open(second)).map((task) => task.id)).not.toContain(mine?.id);
    expect((await request.post(`/tasks/${mine?.id}/claim`, { headers: { authorization: `Bearer ${second}` } })).status()).toBe(404);

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

  test("the case team's case page shows where the complaint was taken in (Titik pengaduan)", async ({ page, request }) => {
    const officer = await apiToken(request, 'puskesos_bantaeng');
    const tasks = (await apiCall<{ items: (Task & { case: unknown })[] }>(request, officer, 'GET', '/tasks?limit=100')).items;
    const caseId = tasks.find((task) => JSON.stringify(task.case).includes(NAME))?.caseId;
    expect(caseId).toBeDefined();
    await loginAs(page, 'caseworker_bantaeng');
    await page.goto(`/kasus/${caseId}`);
    const header = page.getByTestId('case-header');
    await expect(header).toContainText(NAME);
    await expect(header).toContainText('Titik pengaduan');
    await expect(header.getByTestId('case-intake-point')).toHaveText('Desa/kelurahan 73.03.02.2005 · Puskesos Kabupaten Bantaeng');
    await captureScreen(page, 'puskesos-case-intake-point');
  });

  test("an admin posts a Puskesos officer to a village of the officer's region; a village elsewhere is refused", async ({ page }) => {
    await loginAs(page, 'admin');
    await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    const row = page.locator('tr[data-username="puskesos"]');
    await row.getByRole('button', { name: 'Desa pos' }).click();
    const dialog = page.getByRole('dialog', { name: 'Desa pos puskesos' });
    // Bantaeng's village is not in Pasuruan: the API refuses and the form says so.
    await dialog.getByLabel('Desa pos').fill('73.03.02.2005');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog.getByRole('alert')).toContainText('villageCode');
    await captureScreen(page, 'puskesos-village-post');
    await dialog.getByLabel('Desa pos').fill('35.14.01.2001');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('users-notice')).toContainText('Pos desa puskesos disimpan');
    await expect(row.getByTestId('user-village')).toHaveText('Desa pos: 35.14.01.2001');
  });
});
