import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs } from './fixtures';

/** A name no other test (or earlier run on the same data) uses. */
const NAME = `Darto Uji ${Date.now().toString(36)}`;
/** A woman's NIK (birth day 29 + 40 = 69, 29 May 1985), entered for a man: a soft warning. */
const WOMANS_NIK = '3514016905850001';
/** Month 13: POST /cases refuses it. */
const INVALID_NIK = '3514010113850001';
const CASE_URL = /\/kasus\/([0-9a-f-]{36})$/;

let caseId = '';

async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Cari' }).fill(text);
  await page.getByRole('searchbox', { name: 'Cari' }).press('Enter');
}

test.describe.serial('intake: the case worker opens a case and finds it again', () => {
  test('opens a RAZIA case by keyboard; the NIK is checked as it is typed; lands on the new case', async ({ page, request }) => {
    await loginAs(page, 'caseworker');
    await page.getByRole('link', { name: 'Buka kasus baru' }).click();
    await expect(page).toHaveURL(/\/kasus\/baru$/);
    await expect(page.getByRole('heading', { name: 'Buka kasus baru' })).toBeVisible();
    // The handling region starts as the case worker's own kab/kota.
    await expect(page.getByLabel('Kode kab/kota penanganan')).toHaveValue('35.14');

    // Nothing filled in: the required fields say so, and nothing is sent.
    await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();
    await expect(page.getByText('Wajib diisi.')).toHaveCount(4);
    await expect(page).toHaveURL(/\/kasus\/baru$/);

    // By keyboard: Space picks a radio, typing fills the focused field, Tab moves on.
    await page.getByRole('radio', { name: 'Razia' }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: 'Razia' })).toBeChecked();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).focus();
    await page.keyboard.type(NAME);
    await page.getByRole('radio', { name: 'Laki-laki' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Perkiraan umur (tahun)').focus();
    await page.keyboard.type('45');
    const nik = page.getByRole('textbox', { name: 'NIK', exact: true });
    await nik.focus();

    // A hard error: shown on the field itself.
    await page.keyboard.type(INVALID_NIK);
    await expect(page.getByText('Angka bulan lahir di NIK (digit 9–10) harus 01–12.')).toBeVisible();
    await expect(nik).toHaveAttribute('aria-invalid', 'true');

    // A soft warning: the case can be opened, the warning is shown while typing.
    await nik.fill('');
    await page.keyboard.type(WOMANS_NIK);
    await expect(page.getByTestId('nik-warnings')).toContainText('Jenis kelamin berbeda dengan yang tertera di NIK');
    await expect(nik).not.toHaveAttribute('aria-invalid', 'true');
    await captureScreen(page, 'open-case');

    await page.getByLabel('Kode kab/kota asal').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(CASE_URL);
    caseId = (CASE_URL.exec(page.url()) as RegExpExecArray)[1] as string;

    // What the API recorded: this person, this channel, and the warning with the case.
    const opened = await apiCall<{ channel: string; regionCode: string; person: { name: string; sex: string; approximateAge: number }; warnings: { code: string }[] }>(request, await apiToken(request, 'caseworker'), 'GET', `/cases/${caseId}`);
    expect(opened).toMatchObject({ channel: 'RAZIA', regionCode: '3514', person: { name: NAME, sex: 'L', approximateAge: 45 } });
    expect(opened.warnings.map((w) => w.code)).toContain('NIK_SEX_MISMATCH');
  });

  test('the list finds the case by the search box and by a stage filter; filters live in the address bar', async ({ page }) => {
    expect(caseId).not.toBe('');
    await loginAs(page, 'caseworker');
    await expect(page).toHaveURL(/\/kasus$/);
    await expect(page.getByRole('heading', { name: 'Daftar kasus' })).toBeVisible();

    const urls: string[] = [];
    page.on('request', (req) => urls.push(req.url()));
    await searchFor(page, NAME.toLowerCase());
    // A name or a NIK never reaches a URL: not the address bar, not a request (POST /cases/search carries it).
    await expect(page.getByTestId('case-row')).toHaveCount(1);
    expect(page.url()).not.toContain('darto');
    expect(urls.filter((url) => /darto/i.test(decodeURIComponent(url)))).toEqual([]);
    expect(urls.some((url) => url.endsWith('/cases/search'))).toBe(true);
    const rows = page.getByTestId('case-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(NAME);
    await expect(rows.first()).toContainText('Penerimaan');
    await expect(rows.first()).toContainText('35.14');
    await expect(rows.first()).toContainText('WIB');
    await expect(page.getByTestId('case-count')).toHaveText('1 kasus');

    await page.getByLabel('Tahap').selectOption({ label: 'Penerimaan' });
    await expect(page).toHaveURL(/stage=INTAKE/);
    await expect(rows).toHaveCount(1);
    await page.getByLabel('Tahap').selectOption({ label: 'Asesmen' });
    await expect(page).toHaveURL(/stage=ASSESSMENT/);
    await expect(page.getByText('Tidak ada kasus yang cocok dengan pencarian atau saringan ini.')).toBeVisible();
    await expect(rows).toHaveCount(0);

    // The back button restores the previous filter, and its result.
    await page.goBack();
    await expect(page).toHaveURL(/stage=INTAKE/);
    await expect(page.getByLabel('Tahap')).toHaveValue('INTAKE');
    await expect(page.getByRole('searchbox', { name: 'Cari' })).toHaveValue(NAME.toLowerCase());
    await expect(rows).toHaveCount(1);
    await captureScreen(page, 'case-list');

    // The search alone finds it as well, by the case number's beginning.
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await searchFor(page, caseId.slice(0, 8));
    await expect(rows.filter({ hasText: NAME })).toHaveCount(1);

    await rows.filter({ hasText: NAME }).getByRole('link', { name: NAME }).click();
    await expect(page).toHaveURL(new RegExp(`/kasus/${caseId}$`));
  });
});

test('the list pages forward and back by keyset; the page lives in the address bar and the back button', async ({ page, request }) => {
  const token = await apiToken(request, 'caseworker');
  type Page = { items: { id: string }[]; total: number };
  const firstPage = async (offset: number) => apiCall<Page>(request, token, 'GET', `/cases?regionCode=35.14&limit=20&offset=${offset}`);
  // More than one page of Kabupaten Pasuruan's cases, whatever the earlier tests opened.
  const missing = Math.max(0, 21 - (await firstPage(0)).total);
  for (let i = 0; i < missing; i += 1) await apiCall(request, token, 'POST', '/cases', { channel: 'COMPLAINT', regionCode: '35.14', person: { name: `Halaman Uji ${i}`, sex: 'L', approximateAge: 40 } });
  const [one, two] = [await firstPage(0), await firstPage(20)];
  const pages = Math.ceil(one.total / 20);
  const shown = async () => (await page.getByTestId('case-row').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map((href) => href?.replace('/kasus/', ''));

  await loginAs(page, 'caseworker');
  await page.goto('/kasus?regionCode=35.14');
  await expect(page.getByText(`Halaman 1 dari ${pages} · ${one.total} data`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sebelumnya' })).toBeDisabled();
  expect(await shown()).toEqual(one.items.map((c) => c.id));

  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page).toHaveURL(new RegExp(`after=${one.items[19]!.id}.*page=2`));
  await expect(page.getByText(`Halaman 2 dari ${pages} · ${one.total} data`)).toBeVisible();
  await expect(page.getByTestId('case-row').first().getByRole('link')).toHaveAttribute('href', `/kasus/${two.items[0]!.id}`);
  expect(await shown()).toEqual(two.items.map((c) => c.id));
  await captureScreen(page, 'case-list-page-2');

  await page.getByRole('button', { name: 'Sebelumnya' }).click();
  await expect(page.getByText(`Halaman 1 dari ${pages} · ${one.total} data`)).toBeVisible();
  expect(page.url()).not.toMatch(/after=|before=|page=/);
  await expect(page.getByTestId('case-row').first().getByRole('link')).toHaveAttribute('href', `/kasus/${one.items[0]!.id}`);
  await page.goBack();
  await expect(page.getByText(`Halaman 2 dari ${pages} · ${one.total} data`)).toBeVisible();
  await expect(page.getByTestId('case-row').first().getByRole('link')).toHaveAttribute('href', `/kasus/${two.items[0]!.id}`);
  // A filter starts again from the first page.
  await page.getByLabel('Tahap').selectOption({ label: 'Penerimaan' });
  await expect(page).toHaveURL(/stage=INTAKE/);
  expect(page.url()).not.toMatch(/after=|page=/);
});

test.describe('intake on a phone (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the case list shows cards that fit the screen and open the case', async ({ page, request }) => {
    const token = await apiToken(request, 'caseworker');
    const name = `Sumini Ponsel ${Date.now().toString(36)}`;
    const opened = await apiCall<{ id: string }>(request, token, 'POST', '/cases', { channel: 'COMPLAINT', regionCode: '35.14', person: { name, sex: 'P', approximateAge: 62 } });
    await loginAs(page, 'caseworker');
    await page.goto('/kasus');
    await searchFor(page, name);
    const card = page.getByTestId('case-card');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(name);
    await expect(card).toContainText('Penerimaan');
    await expect(page.getByTestId('case-table')).toHaveCount(0);
    // Nothing wider than the screen: no sideways scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await captureScreen(page, 'case-list-phone');
    await card.tap();
    await expect(page).toHaveURL(new RegExp(`/kasus/${opened.id}$`));
  });
});

test('a case opened on a connection that drops before the answer is opened once: the retry sends the same Idempotency-Key', async ({ page, request }) => {
  const name = `Wati Sinyal ${Date.now().toString(36)}`;
  await loginAs(page, 'caseworker');
  await page.goto('/kasus/baru');
  await page.getByRole('radio', { name: 'Pengaduan' }).check();
  await page.getByRole('textbox', { name: 'Nama', exact: true }).fill(name);
  await page.getByRole('radio', { name: 'Perempuan' }).check();
  await page.getByLabel('Perkiraan umur (tahun)').fill('29');
  // The server receives and applies the first submission; its answer never reaches the browser.
  const keys: string[] = [];
  await page.route('**/cases', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.fallback();
  });
  await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Tidak ada sambungan ke server');
  await expect(page.getByRole('textbox', { name: 'Nama', exact: true })).toHaveValue(name); // nothing typed is lost
  await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();
  await expect(page).toHaveURL(/\/kasus\/[0-9a-f-]{36}$/);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const found = await apiCall<{ total: number }>(request, await apiToken(request, 'caseworker'), 'POST', '/cases/search', { q: name });
  expect(found.total).toBe(1);
});
