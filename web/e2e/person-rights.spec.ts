import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiCall, apiToken, captureScreen, expectAccessible, loginAs, REGION } from './fixtures';

type Report = { person: { id: string; name: string; erased: boolean }; cases: { id: string; ledger: { action: string }[] }[] };

/**
 * Data-subject rights on the person page (docs/personal-data.md): the supervisor downloads the data
 * report, is told why an erasure must wait (an open case), and erases once the case is closed; the case
 * worker sees none of it.
 */
test.describe.serial('person rights: data report and erasure', () => {
  let sup = '';
  let caseId = '';
  let personId = '';

  test.beforeAll(async ({ request }) => {
    const cw = await apiToken(request, 'caseworker');
    sup = await apiToken(request, 'supervisor');
    caseId = (await apiCall<{ id: string }>(request, cw, 'POST', '/cases', { channel: 'RAZIA', regionCode: REGION, person: { name: 'Sari Hapusdata', sex: 'P', approximateAge: 34 } })).id;
    personId = (await apiCall<{ personId: string }>(request, cw, 'POST', `/cases/${caseId}/person`, { newPerson: true })).personId;
  });

  test('the case worker sees no rights panel', async ({ page }) => {
    await loginAs(page, 'caseworker');
    await page.goto(`/orang/${personId}`);
    await expect(page.getByRole('heading', { name: 'Sari Hapusdata' })).toBeVisible();
    await expect(page.getByTestId('person-rights')).toHaveCount(0);
  });

  test('the supervisor downloads the data report, is refused the erasure while the case is open, and erases after it closed', async ({ page, request }) => {
    await loginAs(page, 'supervisor');
    await page.goto(`/orang/${personId}`);
    const rights = page.getByTestId('person-rights');
    await expect(rights.getByRole('heading', { name: 'Hak subjek data pribadi' })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent('download'), rights.getByRole('button', { name: 'Unduh laporan data' }).click()]);
    expect(download.suggestedFilename()).toBe(`data-report-${personId}.json`);
    const report = JSON.parse(readFileSync(await download.path(), 'utf8')) as Report;
    expect(report.person).toMatchObject({ id: personId, name: 'Sari Hapusdata', erased: false });
    expect(report.cases.map((c) => c.id)).toEqual([caseId]);

    const erase = async () => {
      await rights.getByRole('button', { name: 'Hapus data pribadi' }).click();
      const form = page.getByTestId('right-form');
      await expect(page.getByRole('dialog', { name: 'Hapus data pribadi' })).toBeVisible();
      await form.getByRole('textbox', { name: 'Dasar hukum' }).click();
      await page.getByRole('option', { name: 'Permintaan subjek data (Pasal 43)' }).click();
      await form.getByRole('textbox', { name: 'Alasan' }).fill('Permintaan tertulis subjek data');
      await form.getByRole('button', { name: 'Hapus permanen' }).click();
      return form;
    };
    const refused = await erase();
    await expect(refused.getByTestId('erasure-holds')).toHaveText('Masih ada kasus yang belum ditutup.');
    await expectAccessible(page, 'person-erasure-dialog');
    await captureScreen(page, 'person-erasure-held');
    await page.keyboard.press('Escape');

    await apiCall(request, sup, 'POST', `/cases/${caseId}/close`, { reason: 'ABSCONDED', note: 'kabur' });
    await page.reload();
    await erase();
    await expect(page.getByTestId('person-erased')).toContainText('Permintaan subjek data (Pasal 43)');
    await expect(page.getByRole('heading', { name: 'Data pribadi telah dihapus' })).toBeVisible();
    await expect(page.getByText('Sari Hapusdata')).toHaveCount(0);
    await expect(rights.getByRole('button', { name: 'Hapus data pribadi' })).toHaveCount(0);
    // The erasure dialog closes with a transition: checked while it fades, its emptied shell has no name.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await captureScreen(page, 'person-erased');
  });
});
