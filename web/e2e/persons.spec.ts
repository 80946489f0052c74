import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs, REGION } from './fixtures';

type Opened = { id: string; personMatches: { personId: string }[] };
type Decided = { personId: string };
const CASE_URL = /\/kasus\/([0-9a-f-]{36})$/;

async function openCase(request: APIRequestContext, token: string, name: string, sex: 'L' | 'P', approximateAge: number): Promise<Opened> {
  return apiCall<Opened>(request, token, 'POST', '/cases', { channel: 'RAZIA', regionCode: REGION, person: { name, sex, approximateAge } });
}

/**
 * The person registry in the browser: the intake offers the registered people a new case may be about,
 * a link makes it a repeat case (badge, last closure, last stage, link to the person), the list filters
 * repeats, and a supervisor merges two records of one person and undoes it.
 */
test.describe.serial('persons: one person, many cases', () => {
  let cw = '';
  let sup = '';
  let firstCase = '';
  let repeatCase = '';

  test.beforeAll(async ({ request }) => {
    cw = await apiToken(request, 'caseworker');
    sup = await apiToken(request, 'supervisor');
    // A boy caught before, registered, his case closed: he ran away.
    const first = await openCase(request, cw, 'Muhamad Rizki', 'L', 10);
    firstCase = first.id;
    await apiCall(request, cw, 'POST', `/cases/${first.id}/person`, { newPerson: true });
    await apiCall(request, sup, 'POST', `/cases/${first.id}/close`, { reason: 'ABSCONDED', note: 'kabur' });
  });

  test('the intake offers the boy caught again under another spelling; linking him makes the case a repeat', async ({ page }) => {
    await loginAs(page, 'caseworker');
    await page.goto('/kasus/baru');
    await page.getByRole('radio', { name: 'Razia' }).check();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill('Muhammad Rizky');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('10');
    await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();

    const offered = page.getByTestId('person-candidate');
    await expect(offered).toHaveCount(1);
    await expect(offered).toContainText('Muhamad Rizki');
    await expect(offered).toContainText('Nama mirip, jenis kelamin, tahun lahir dan wilayah sama');
    await expect(offered.getByTestId('person-cases')).toContainText('Ditutup');
    await captureScreen(page, 'person-candidates-intake');

    await offered.getByRole('button', { name: 'Tautkan ke orang ini' }).click();
    await expect(page).toHaveURL(CASE_URL);
    await expect(page.getByTestId('repeat-badge')).toHaveText('Kasus berulang (1)');
    await expect(page.getByTestId('repeat-detail')).toContainText('Terakhir ditutup');
    await expect(page.getByTestId('repeat-detail')).toContainText('Tahap kasus terakhir: Ditutup');
    // Pasuruan's protocol (v2) has repeat rules: the page says what they change (from the API).
    await expect(page.getByTestId('repeat-rules')).toHaveText('Asesmen wajib merujuk rencana sebelumnya');
    await captureScreen(page, 'case-repeat');
    repeatCase = CASE_URL.exec(page.url())?.[1] ?? '';

    await page.getByTestId('person-link').click();
    await expect(page).toHaveURL(/\/orang\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Muhamad Rizki' })).toBeVisible();
    await expect(page.getByTestId('person-cases').getByRole('listitem')).toHaveCount(2);
    await captureScreen(page, 'person-page');
  });

  test("the repeat's assessment asks for the earlier plan; the supervisor's bell announces the repeat", async ({ page, request }) => {
    await apiCall(request, cw, 'POST', `/cases/${repeatCase}/start-health-check`, {});
    await apiCall(request, cw, 'POST', `/cases/${repeatCase}/record-health-check`, { result: 'FIT' });
    await loginAs(page, 'caseworker');
    await page.goto(`/kasus/${repeatCase}`);
    await page.getByRole('button', { name: 'Catat asesmen' }).click();
    await expect(page.getByRole('dialog').getByRole('textbox', { name: /Rujukan rencana sebelumnya/ })).toBeVisible();
    await captureScreen(page, 'assessment-repeat');
    await page.keyboard.press('Escape');

    await loginAs(page, 'supervisor');
    await page.goto('/kasus');
    await page.getByTestId('notification-bell').click();
    await expect(page.getByTestId('notifications')).toContainText('Kasus berulang');
  });

  test('the case page of an undecided case offers the candidates, and registers a new person', async ({ page, request }) => {
    const again = await openCase(request, cw, 'Moehammad Rizky', 'L', 11);
    expect(again.personMatches).toHaveLength(1);
    await loginAs(page, 'caseworker');
    await page.goto(`/kasus/${again.id}`);
    await expect(page.getByText('Orang dalam kasus ini belum ditetapkan.')).toBeVisible();
    await expect(page.getByTestId('person-candidate')).toHaveCount(1);
    await page.setViewportSize({ width: 360, height: 800 });
    await captureScreen(page, 'case-person-candidates-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Not him after all: a new person; the case is no repeat.
    await page.getByTestId('new-person').click();
    await expect(page.getByTestId('person-link')).toBeVisible();
    await expect(page.getByTestId('repeat-badge')).toHaveCount(0);
  });

  test('the case list shows repeat cases with their badge, filtered on request', async ({ page }) => {
    await loginAs(page, 'caseworker');
    await page.goto('/kasus');
    await page.getByLabel('Kasus berulang', { exact: true }).selectOption('true');
    await expect(page).toHaveURL(/repeat=true/);
    const rows = page.getByTestId('case-row');
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Muhammad Rizky' }).getByTestId('repeat-badge')).toHaveText('Kasus berulang (1)');
    await expect(page.getByTestId('case-row').filter({ has: page.locator(`a[href="/kasus/${firstCase}"]`) })).toHaveCount(0);
    await captureScreen(page, 'case-list-repeat');
  });

  test('a supervisor merges two records of one woman, and undoes it', async ({ page, request }) => {
    const a = await openCase(request, cw, 'Dewi Lestari', 'P', 25);
    const keep = await apiCall<Decided>(request, cw, 'POST', `/cases/${a.id}/person`, { newPerson: true });
    const b = await openCase(request, cw, 'Dewi Lestary', 'P', 25);
    await apiCall<Decided>(request, cw, 'POST', `/cases/${b.id}/person`, { newPerson: true });

    await loginAs(page, 'supervisor');
    await page.goto(`/orang/${keep.personId}`);
    await expect(page.getByTestId('person-cases').getByRole('listitem')).toHaveCount(1);
    const merge = page.getByTestId('person-merge');
    await merge.getByRole('searchbox', { name: 'Cari orang (nama atau NIK)' }).fill('Dewi Lestary');
    await merge.getByRole('button', { name: 'Cari' }).click();
    await merge.getByRole('radio', { name: /^Dewi Lestary/ }).check();
    await captureScreen(page, 'person-merge');
    await merge.getByTestId('merge-submit').click();
    await expect(page.getByTestId('person-cases').getByRole('listitem')).toHaveCount(2);
    await expect(merge.getByTestId('merge-undo')).toHaveCount(1);

    await merge.getByTestId('merge-undo').click();
    await expect(page.getByTestId('person-cases').getByRole('listitem')).toHaveCount(1);
    await expect(merge.getByTestId('merge-undo')).toHaveCount(0);
  });

  test("the intake asks for a child's guardian; the case worker adds his street name and another guardian on his page; the next intake finds him by it", async ({ page }) => {
    await loginAs(page, 'caseworker');
    await page.goto('/kasus/baru');
    await page.getByRole('radio', { name: 'Razia' }).check();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill('Gilang Ramadhan');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    // An adult is asked for no guardian; a child is.
    await page.getByLabel('Perkiraan umur (tahun)').fill('30');
    await expect(page.getByTestId('guardian-fields')).toHaveCount(0);
    await page.getByLabel('Perkiraan umur (tahun)').fill('9');
    const guardian = page.getByTestId('guardian-fields');
    await expect(guardian).toBeVisible();
    await guardian.getByRole('textbox', { name: 'Nama orang tua/wali' }).fill('Ibu Ratna');
    await guardian.getByRole('radio', { name: 'Orang tua' }).check();
    await guardian.getByRole('textbox', { name: 'Nomor telepon' }).fill('0812-1111-3333');
    await captureScreen(page, 'intake-guardian');
    await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();

    // Nobody registered is him: the case page shows the guardian given at intake; a new person carries it.
    await expect(page.getByTestId('case-guardian')).toHaveText('Ibu Ratna · Orang tua · 0812-1111-3333');
    await page.getByTestId('new-person').click();
    await page.getByTestId('person-link').click();
    await expect(page).toHaveURL(/\/orang\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('person-guardian')).toHaveText('Ibu Ratna · Orang tua · 0812-1111-3333');
    await expect(page.getByTestId('person-aliases')).toHaveText('—');

    const edit = page.getByTestId('person-edit');
    await edit.getByRole('button', { name: 'Ubah data' }).click();
    await edit.getByRole('textbox', { name: 'Nama lain' }).fill('Si Gilang\n  Lang  \n');
    await edit.getByRole('textbox', { name: 'Nama orang tua/wali' }).fill('Pak Darto');
    await edit.getByRole('radio', { name: 'Wali (kerabat atau yang ditunjuk)' }).check();
    // A wrong region code is refused on its field; nothing is saved.
    await edit.getByRole('textbox', { name: 'Kode kab/kota asal' }).fill('Surabaya');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await expect(edit.getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('person-aliases')).toHaveText('—');
    await captureScreen(page, 'person-edit');
    await edit.getByRole('textbox', { name: 'Kode kab/kota asal' }).fill('35.78');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByTestId('person-aliases')).toHaveText('Si Gilang, Lang');
    await expect(page.getByTestId('person-guardian')).toHaveText('Pak Darto · Wali (kerabat atau yang ditunjuk) · 0812-1111-3333');
    await expect(page.getByTestId('person-header')).toContainText('35.78');
    await expect(edit.getByRole('button', { name: 'Ubah data' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('person-aliases')).toHaveText('Si Gilang, Lang');

    // A wrong name is corrected (rectification); a malformed NIK is refused on its field first.
    await edit.getByRole('button', { name: 'Ubah data' }).click();
    await edit.getByRole('textbox', { name: 'Nama', exact: true }).fill('Gilang Ramadhan Saputra');
    await edit.getByRole('textbox', { name: 'NIK', exact: true }).fill('12345');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await expect(edit.getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('person-header')).not.toContainText('Saputra');
    await edit.getByRole('textbox', { name: 'NIK', exact: true }).fill('');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByTestId('person-header')).toContainText('Gilang Ramadhan Saputra');

    // Caught again under his street name: the intake offers him.
    await page.goto('/kasus/baru');
    await page.getByRole('radio', { name: 'Razia' }).check();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill('Si Gilang');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('9');
    await page.getByRole('button', { name: 'Buka kasus', exact: true }).click();
    const offered = page.getByTestId('person-candidate');
    await expect(offered).toHaveCount(1);
    await expect(offered).toContainText('Gilang Ramadhan');
    await expect(offered.getByTestId('candidate-aliases')).toHaveText('Nama lain: Si Gilang, Lang');
  });
});
