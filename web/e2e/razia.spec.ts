import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs } from './fixtures';

/** Names no other test (or earlier run on the same data) uses. */
const TAG = Date.now().toString(36);
/** Birth day 99: refused by the NIK check (NIK_INVALID_BIRTH_DAY). */
const BAD_NIK = '3514019904850001';

async function fillOperation(page: Page): Promise<void> {
  await page.getByLabel('Tanggal dan jam razia').fill('2026-11-22T21:30');
  await page.getByLabel('Tempat').fill('Perempatan Pasar Gempol');
  await page.getByLabel('Kode desa/kelurahan').fill('35.14.01.2001');
  await page.getByRole('textbox', { name: 'Tim', exact: true }).fill('Regu 2 Satpol PP');
}

async function fillPerson(page: Page, n: number, person: { name: string; sex: string; age: string; nik?: string }): Promise<void> {
  const row = page.getByRole('region', { name: `Orang ke-${n}` });
  await row.getByLabel('Nama').fill(person.name);
  await row.getByLabel('Jenis kelamin').selectOption({ label: person.sex });
  await row.getByLabel('Perkiraan umur (tahun)').fill(person.age);
  if (person.nik !== undefined) await row.getByLabel('NIK').fill(person.nik);
}

test.describe.serial('razia: the case worker records a sweep, one case per person', () => {
  test('records two people, one refused by its NIK; fixes that row and sends it as a new razia', async ({ page, request }) => {
    await loginAs(page, 'caseworker');
    await page.getByRole('link', { name: 'Catat razia' }).click();
    await expect(page).toHaveURL(/\/kasus\/razia\/baru$/);
    await expect(page.getByLabel('Kode kab/kota penanganan')).toHaveValue('35.14');

    await fillOperation(page);
    await fillPerson(page, 1, { name: `Razia Satu ${TAG}`, sex: 'Laki-laki', age: '30' });
    await page.getByRole('button', { name: 'Tambah orang' }).click();
    await fillPerson(page, 2, { name: `Razia Dua ${TAG}`, sex: 'Perempuan', age: '40', nik: BAD_NIK });
    // A row added by mistake is removed again.
    await page.getByRole('button', { name: 'Tambah orang' }).click();
    await expect(page.getByTestId('razia-row')).toHaveCount(3);
    await page.getByRole('button', { name: 'Hapus orang ke-3' }).click();
    await expect(page.getByTestId('razia-row')).toHaveCount(2);
    await captureScreen(page, 'razia-new');

    await page.getByRole('button', { name: 'Catat razia dan buka kasus' }).click();
    await expect(page.getByText('1 dari 2 orang dibuka kasusnya, 1 ditolak.')).toBeVisible();
    const results = page.getByTestId('razia-results');
    await expect(results.locator('[data-outcome="OPENED"]')).toContainText(`Razia Satu ${TAG}`);
    await expect(results.locator('[data-outcome="OPENED"]')).toContainText('Penerimaan');
    await expect(results.locator('[data-outcome="REFUSED"]')).toContainText('NIK: angka hari lahir di NIK (digit 7–8) harus 01–31, atau 41–71 untuk perempuan');
    await captureScreen(page, 'razia-result');

    // Only the refused row comes back, its NIK marked; fixed, it is sent as a new razia of that row.
    await page.getByRole('button', { name: 'Perbaiki baris yang ditolak' }).click();
    await expect(page.getByTestId('razia-fixing')).toBeVisible();
    await expect(page.getByTestId('razia-row')).toHaveCount(1);
    const row = page.getByRole('region', { name: 'Orang ke-1' });
    await expect(row.getByLabel('Nama')).toHaveValue(`Razia Dua ${TAG}`);
    await expect(row.getByLabel('NIK')).toHaveAttribute('aria-invalid', 'true');
    await row.getByLabel('NIK').fill('');
    await page.getByRole('button', { name: 'Catat razia dan buka kasus' }).click();
    await expect(page.getByText('1 dari 1 orang dibuka kasusnya, 0 ditolak.')).toBeVisible();

    // The case opened for the fixed row is the person's, and the razia page lists it.
    await page.getByRole('link', { name: 'Lihat razia ini' }).click();
    await expect(page).toHaveURL(/\/kasus\/razia\/[0-9a-f-]{36}$/);
    const raziaId = page.url().split('/').pop() as string;
    await expect(page.getByRole('heading', { name: 'Razia · Perempatan Pasar Gempol' })).toBeVisible();
    await expect(page.getByText('35.14.01.2001')).toBeVisible();
    await captureScreen(page, 'razia-detail');
    const token = await apiToken(request, 'caseworker');
    const razia = await apiCall<{ rows: { caseId: string }[] }>(request, token, 'GET', `/razia/${raziaId}`);
    const opened = await apiCall<{ channel: string; person: { name: string } }>(request, token, 'GET', `/cases/${razia.rows[0]?.caseId}`);
    expect(opened).toMatchObject({ channel: 'RAZIA', person: { name: `Razia Dua ${TAG}` } });
    await page.getByTestId('razia-results').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/kasus/${razia.rows[0]?.caseId}$`));
  });

  test('lists the razia of the region, newest operation first, with place, team and counts; each links to its page', async ({ page, request }) => {
    const token = await apiToken(request, 'caseworker');
    const record = async (occurredAt: string, place: string, people: number) => {
      const person = (n: number) => ({ name: `Razia Daftar ${n} ${TAG}`, sex: 'L', approximateAge: 20 + n });
      const data = { occurredAt, place, regionCode: '35.14', team: `Regu Daftar ${TAG}`, people: Array.from({ length: people }, (_, n) => person(n)) };
      const res = await request.post('/razia', { headers: { authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() }, data });
      expect(res.status()).toBe(201);
    };
    await record('2026-10-01T08:00:00+07:00', `Pasar Lama ${TAG}`, 1);
    await record('2026-11-29T22:00:00+07:00', `Terminal Baru ${TAG}`, 2);

    await loginAs(page, 'caseworker');
    await page.getByRole('link', { name: 'Daftar razia' }).click();
    await expect(page).toHaveURL(/\/kasus\/razia$/);
    const rows = page.getByTestId('razia-list-row');
    const newer = rows.filter({ hasText: `Terminal Baru ${TAG}` });
    const older = rows.filter({ hasText: `Pasar Lama ${TAG}` });
    await expect(newer).toContainText(`Regu Daftar ${TAG}`);
    await expect(newer.getByTestId('razia-people')).toHaveText('2');
    await expect(newer.getByTestId('razia-opened')).toHaveText('2');
    await expect(older.getByTestId('razia-people')).toHaveText('1');
    // Newest operation first (whatever else this run recorded).
    const places = await rows.getByRole('link').allTextContents();
    expect(places.indexOf(`Terminal Baru ${TAG}`)).toBeLessThan(places.indexOf(`Pasar Lama ${TAG}`));
    await expect(newer).toContainText('29');
    await captureScreen(page, 'razia-list');
    await newer.getByRole('link', { name: `Terminal Baru ${TAG}` }).click();
    await expect(page).toHaveURL(/\/kasus\/razia\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: `Razia · Terminal Baru ${TAG}` })).toBeVisible();
  });

  test('is not offered to a Dinkes officer', async ({ page }) => {
    await loginAs(page, 'dinkes');
    await expect(page.getByRole('link', { name: 'Kotak tugas' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Catat razia' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Daftar razia' })).toHaveCount(0);
  });
});

test.describe('razia on a phone (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a Satpol PP officer records a razia; each person is a stacked card that fits the screen', async ({ page }) => {
    await loginAs(page, 'satpol_pp');
    await page.goto('/kasus/razia/baru');
    await fillOperation(page);
    await fillPerson(page, 1, { name: `Razia Ponsel ${TAG}`, sex: 'Perempuan', age: '15' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await captureScreen(page, 'razia-new-phone');
    await page.getByRole('button', { name: 'Catat razia dan buka kasus' }).click();
    await expect(page.getByText('1 dari 1 orang dibuka kasusnya, 0 ditolak.')).toBeVisible();
    // The officer may not read cases (the API's permissions): the case number shows, not a link.
    await expect(page.getByTestId('razia-results').locator('[data-outcome="OPENED"]')).toContainText('Dibuka');
    await expect(page.getByTestId('razia-results').getByRole('link')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await captureScreen(page, 'razia-result-phone');
  });
});
