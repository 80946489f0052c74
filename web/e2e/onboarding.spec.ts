import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { captureScreen, loginAs } from './fixtures';

/** Types a region into the picker and takes the suggestion when the API knows the region. */
async function chooseRegion(page: Page, scope: ReturnType<Page['getByTestId']>, code: string): Promise<void> {
  const input = scope.getByRole('textbox', { name: 'Wilayah', exact: true });
  await input.fill(code);
  const option = page.getByRole('option', { name: new RegExp(`^${code.replace('.', '\\.')}`) });
  if ((await option.count()) > 0) await option.first().click();
  await expect(input).toHaveValue(code);
}

/**
 * docs/onboarding.md in the browser: Jawa Timur's admin (`admin-jatim`, scope 35) sets up Kabupaten
 * Banyuwangi (35.10) next to the demo regency; the province's supervisor confirms the first account.
 */
test('a provincial admin creates an agency and an account for another regency of the province; the provincial supervisor confirms it', async ({ page, browser }) => {
  test.setTimeout(180_000); // two people, two browsers and four screens checked by axe on a shared machine
  const run = Date.now().toString(36);
  await loginAs(page, 'admin-jatim');
  await expect(page).toHaveURL(/\/admin\/pengguna$/);

  await page.getByRole('link', { name: 'Lembaga', exact: true }).click();
  const regions = page.getByTestId('regions');
  // Banyuwangi has its own protocol file, so the province's map shows it before it has anything.
  await expect(regions.locator('tr[data-region="3510"]')).toContainText('Kabupaten Banyuwangi');
  await expect(regions.locator('tr[data-region="3514"]')).toContainText('Kabupaten Pasuruan');

  const agencyForm = page.getByTestId('create-agency');
  await agencyForm.getByRole('textbox', { name: 'Kode', exact: true }).fill('DINSOS');
  await chooseRegion(page, agencyForm, '35.10');
  await agencyForm.getByLabel('Nama lembaga').fill('Dinas Sosial Kabupaten Banyuwangi');
  await agencyForm.getByRole('button', { name: 'Tambah lembaga' }).click();
  await expect(agencyForm).toContainText('Dinas Sosial Kabupaten Banyuwangi ditambahkan.');
  await expect(regions.locator('tr[data-region="3510"]').locator('td').nth(2)).toHaveText('1');

  // Outside the province: the API refuses, the form keeps what was typed.
  await agencyForm.getByRole('textbox', { name: 'Kode', exact: true }).fill('DINSOS');
  await chooseRegion(page, agencyForm, '32.72');
  await agencyForm.getByLabel('Nama lembaga').fill('Dinas Sosial Kota Sukabumi');
  await agencyForm.getByRole('button', { name: 'Tambah lembaga' }).click();
  await expect(agencyForm.getByRole('alert')).toContainText('di luar wilayah Anda');
  await expect(agencyForm.getByLabel('Nama lembaga')).toHaveValue('Dinas Sosial Kota Sukabumi');

  await page.getByRole('textbox', { name: 'Tampilkan wilayah' }).click();
  await page.getByRole('option', { name: '35.10' }).click();
  const agencies = page.getByTestId('agencies').locator('tbody tr');
  await expect(agencies).toHaveCount(1);
  await expect(agencies.first()).toContainText('35.10');
  await captureScreen(page, 'onboarding-agencies');

  await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
  const username = `cw-banyuwangi-${run}`;
  const userForm = page.getByTestId('create-user');
  await userForm.getByLabel('Nama pengguna').fill(username);
  await userForm.getByLabel('Nama lengkap').fill('Pekerja Sosial Banyuwangi');
  await chooseRegion(page, userForm, '35.10');
  await userForm.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByTestId('users-notice')).toContainText(`Akun ${username} dibuat dan menunggu konfirmasi`);
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('35.10');
  await expect(row.getByTestId('user-status')).toHaveText('Menunggu konfirmasi supervisor');
  await expect(page.locator('tr[data-username="caseworker"]')).toContainText('35.14'); // the whole province is listed
  await captureScreen(page, 'onboarding-users');
  await page.getByRole('textbox', { name: 'Tampilkan wilayah' }).click();
  await page.getByRole('option', { name: '35.10' }).click();
  await expect(page.locator('tr[data-username="caseworker"]')).toHaveCount(0);
  await expect(page.getByTestId('users').locator('tbody tr')).toHaveCount(1);
  await expect(row).toContainText('35.10');

  // Who confirms the first accounts of a new regency: the province's supervisor, whose scope covers it.
  const supervisor = await (await browser.newContext()).newPage();
  await loginAs(supervisor, 'supervisor-jatim');
  await supervisor.getByRole('link', { name: 'Konfirmasi akun' }).click();
  const pending = supervisor.locator(`tr[data-username="${username}"]`);
  await pending.getByRole('button', { name: 'Konfirmasi' }).click();
  await supervisor.getByRole('button', { name: 'Ya, saya mengenal orangnya' }).click();
  await expect(supervisor.getByTestId('once-secret-value')).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  await supervisor.getByRole('button', { name: /Sudah saya salin/ }).click();
  await expect(pending).toHaveCount(0);
  await supervisor.close();

  // On a phone (360 px) the form and the list stay usable.
  await page.setViewportSize({ width: 360, height: 780 });
  await page.reload();
  await expect(page.locator(`tr[data-username="${username}"]`)).toContainText('Menunggu pengaturan kata sandi');
  await captureScreen(page, 'onboarding-users-phone');
});
