import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs } from './fixtures';

interface LedgerRecord {
  seq: number;
  action: string;
  occurredAt: string;
}

/** A moment as the region's wall clock (WIB, UTC+7) to the second, as typed into a datetime-local input. */
const wib = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19);

/** A case opened by the case worker, then moved to the health check, at least a second apart (the state-at input counts seconds). */
async function caseWithHealthCheck(request: APIRequestContext): Promise<{ id: string; openedBy: string; beforeHealthCheck: number }> {
  const cw = await apiToken(request, 'caseworker');
  const auditor = await apiToken(request, 'auditor');
  const headers = (key: string) => ({ authorization: `Bearer ${cw}`, 'idempotency-key': key });
  const opened = await request.post('/cases', { headers: headers(randomUUID()), data: { channel: 'RAZIA', regionCode: '35.14', person: { name: 'Pak Jejak Audit', sex: 'L', approximateAge: 52 } } });
  expect([201, 202]).toContain(opened.status());
  const { id } = (await opened.json()) as { id: string };
  const openEvent = async () => (await apiCall<{ items: LedgerRecord[] }>(request, auditor, 'GET', `/cases/${id}/history`)).items.find((e) => e.action === 'openCase');
  await expect.poll(openEvent).toBeDefined();
  // The first whole second after the case was opened: the state-at check asks for the case then.
  const beforeHealthCheck = Math.ceil(Date.parse((await openEvent())!.occurredAt) / 1000) * 1000;
  await expect.poll(() => Date.now()).toBeGreaterThan(beforeHealthCheck + 300); // wall clock, not Temporal
  const started = await request.post(`/cases/${id}/start-health-check`, { headers: headers(randomUUID()), data: {} });
  expect([200, 202]).toContain(started.status());
  return { id, openedBy: 'caseworker', beforeHealthCheck }; // the ledger names actors by their login name
}

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, username);
  return page;
}

test('the auditor finds the case events, verifies the chain, sees the case before the health check, downloads both exports and reads the logs', async ({ page, request }) => {
  const c = await caseWithHealthCheck(request);
  // Something for the security log: the admin creates an account.
  const admin = await apiToken(request, 'admin');
  const created = await apiCall<{ id: string }>(request, admin, 'POST', '/users', { username: `aud-${Date.now()}`, displayName: 'Akun Uji Log', role: 'AUDITOR', regionCode: '35.14' });

  await loginAs(page, 'auditor');
  await expect(page).toHaveURL(/\/auditor\/jejak$/);
  await page.getByLabel('ID kasus').fill(c.id);
  await page.getByRole('textbox', { name: 'Tindakan' }).click();
  await page.getByRole('option', { name: 'Mulai pemeriksaan kesehatan' }).click();
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(new RegExp(`caseId=${c.id}.*action=startHealthCheck|action=startHealthCheck.*caseId=${c.id}`));
  const rows = page.getByTestId('audit-events').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Mulai pemeriksaan kesehatan');
  await expect(rows.first()).toContainText('Diterima');
  await expect(rows.first()).toContainText(c.openedBy);
  await expect(rows.first()).toContainText('startHealthCheck');
  await captureScreen(page, 'audit-events');

  await rows.first().getByRole('link', { name: c.id.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/auditor/kasus/${c.id}$`));
  const timeline = page.getByTestId('history-event');
  await expect(timeline.first()).toContainText('Kasus dibuka');
  await expect(page.getByTestId('history')).toContainText('INTAKE → HEALTH_CHECK');
  const events = await timeline.count();
  expect(events).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('chain-check')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('chain-check')).toContainText('Rantai utuh');
  await expect(page.getByTestId('chain-check')).toContainText(`${events} peristiwa`);

  await page.getByTestId('state-at-input').fill(wib(c.beforeHealthCheck));
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('state-stage')).toHaveText('Penerimaan');
  await expect(page.getByTestId('case-state')).toContainText('Pak Jejak Audit');
  await page.getByTestId('state-at-input').fill(wib(Date.now() + 60_000));
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('state-stage')).toHaveText('Pemeriksaan kesehatan');
  await captureScreen(page, 'audit-case');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(json.suggestedFilename()).toBe(`case-${c.id}-history.json`);
  const file = JSON.parse(readFileSync(await json.path(), 'utf8')) as { format: string; head: { caseId: string; seq: number }; records: LedgerRecord[] };
  expect(file.format).toBe('sinergi-ledger-export');
  expect(file.head).toMatchObject({ caseId: c.id, seq: file.records.length });
  expect(file.records.map((r) => r.action).slice(0, 2)).toEqual(['openCase', 'startHealthCheck']);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toBe(`case-${c.id}-history.csv`);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^caseId,seq,key,action,outcome,/);
  expect(lines.filter((l) => l.startsWith(c.id))).toHaveLength(file.records.length);
  expect(lines.some((l) => l.includes(',startHealthCheck,ACCEPTED,'))).toBe(true);
  // The files hold the person sealed; asked for, the JSON adds her opened (and the access log records it).
  expect(JSON.stringify(file.records)).not.toContain('Pak Jejak Audit');
  const [personal] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-jsonPersonal').click()]);
  expect(personal.suggestedFilename()).toBe(`case-${c.id}-history-personal.json`);
  const opened = JSON.parse(readFileSync(await personal.path(), 'utf8')) as { records: LedgerRecord[]; personal: unknown[] };
  expect(opened.records).toEqual(file.records);
  expect(JSON.stringify(opened.personal)).toContain('Pak Jejak Audit');

  await page.getByRole('link', { name: 'Log akses data pribadi' }).click();
  await page.getByLabel('ID kasus').fill(c.id);
  await page.getByRole('button', { name: 'Cari' }).click();
  const reads = page.getByTestId('access-log').locator('tbody tr');
  await expect(reads.filter({ hasText: 'GET /cases/:id/history/export' }).first()).toContainText('auditorAuditor');
  await expect(reads.filter({ hasText: 'GET /cases/:id/history/export?personal=true' }).first()).toContainText('auditorAuditor');
  await expect(reads.filter({ hasText: 'GET /cases/:id/state' }).first()).toContainText('auditorAuditor');
  const opening = reads.filter({ has: page.getByRole('cell', { name: 'POST /cases', exact: true }) });
  await expect(opening).toHaveCount(1);
  await expect(opening).toContainText(c.openedBy);
  await captureScreen(page, 'audit-access-log');

  await page.getByRole('link', { name: 'Log keamanan' }).click();
  await page.getByRole('textbox', { name: 'Tindakan' }).click();
  await page.getByRole('option', { name: 'Akun dibuat' }).click();
  await page.getByLabel('ID sasaran').fill(created.id);
  await page.getByRole('button', { name: 'Cari' }).click();
  const security = page.getByTestId('security-log').locator('tbody tr');
  await expect(security).toHaveCount(1);
  await expect(security.first()).toContainText('Akun dibuat');
  await expect(security.first()).toContainText('adminAdministrator');
  await expect(security.first()).toContainText(created.id.slice(0, 8));
  await expect(security.first()).toContainText('peran Auditor');
  await expect(security.first()).not.toContainText('Akun Uji Log'); // never a name
  await captureScreen(page, 'audit-security-log');
});

test('an account and an API key each need an admin and a supervisor; the code and the key are shown once; revoke and deactivate', async ({ page, browser, request }) => {
  const username = `pw-${Date.now()}`;
  await loginAs(page, 'admin');
  await expect(page).toHaveURL(/\/admin\/pengguna$/);
  const form = page.getByTestId('create-user');
  await form.getByLabel('Nama pengguna').fill(username);
  await form.getByLabel('Nama lengkap').fill('Petugas Uji Peramban');
  await expect(form.getByTestId('who-confirms')).toContainText('supervisor wilayahnya');
  await form.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByTestId('users-notice')).toContainText(`Akun ${username} dibuat dan menunggu konfirmasi`);
  const adminRow = page.locator(`tr[data-username="${username}"]`);
  await expect(adminRow.getByTestId('user-status')).toHaveText('Menunggu konfirmasi supervisor');
  await expect(adminRow.getByRole('button', { name: 'Konfirmasi' })).toHaveCount(0); // not an admin's to give
  await captureScreen(page, 'admin-users');

  const supervisor = await signedInPage(browser, 'supervisor');
  await supervisor.getByRole('link', { name: 'Konfirmasi akun' }).click();
  const pending = supervisor.locator(`tr[data-username="${username}"]`);
  await pending.getByRole('button', { name: 'Konfirmasi' }).click();
  await supervisor.getByRole('button', { name: 'Ya, saya mengenal orangnya' }).click();
  const code = (await supervisor.getByTestId('once-secret-value').innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  // The confirmation's own dialog may still be closing: the one holding the secret is meant.
  const secretDialog = supervisor.getByRole('dialog').filter({ has: supervisor.getByTestId('once-secret-value') });
  await expect(secretDialog).toContainText('Hanya ditampilkan sekali');
  await supervisor.getByRole('button', { name: /Sudah saya salin/ }).click();
  await expect(supervisor.getByTestId('once-secret-value')).toHaveCount(0);
  await expect(pending).toHaveCount(0); // no longer waiting for a supervisor
  expect((await request.post('/auth/setup-password', { data: { setupCode: code, password: 'sandi-peramban-1' } })).status()).toBe(204);

  await page.getByRole('link', { name: 'Lembaga', exact: true }).click();
  await expect(page.getByTestId('agencies')).toContainText('Dinas Kesehatan Kabupaten Pasuruan');
  await captureScreen(page, 'admin-agencies');
  await page.getByRole('link', { name: 'Dinas Kesehatan Kabupaten Pasuruan' }).click();
  const label = `SIMRS uji ${Date.now()}`;
  await page.getByLabel('Keterangan kunci').fill(label);
  await page.getByRole('button', { name: 'Terbitkan kunci' }).click();
  await expect(page.getByTestId('key-issued')).toContainText('menunggu konfirmasi supervisor');
  const adminKey = page.locator(`tr[data-key-label="${label}"]`);
  await expect(adminKey.getByTestId('key-status')).toHaveText('Menunggu konfirmasi supervisor');
  await captureScreen(page, 'admin-agency');

  await supervisor.getByRole('link', { name: 'Kunci API lembaga' }).click();
  await supervisor.getByRole('link', { name: 'Dinas Kesehatan Kabupaten Pasuruan' }).click();
  const supKey = supervisor.locator(`tr[data-key-label="${label}"]`);
  await supKey.getByRole('button', { name: 'Konfirmasi' }).click();
  await supervisor.getByRole('button', { name: 'Konfirmasi dan tampilkan kunci' }).click();
  const apiKey = (await supervisor.getByTestId('once-secret-value').innerText()).trim();
  expect(apiKey).toMatch(/^ak-[0-9a-f]+\..{20,}$/);
  await expect(secretDialog).toContainText('X-Api-Key');
  await captureScreen(supervisor, 'admin-key-once');
  await supervisor.getByRole('button', { name: /Sudah saya salin/ }).click();
  await expect(supKey.getByTestId('key-status')).toHaveText('Aktif');
  const me = await request.get('/auth/me', { headers: { 'x-api-key': apiKey } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { role: string }).role).toBe('AGENCY_SYSTEM');

  await page.reload();
  await expect(adminKey.getByTestId('key-status')).toHaveText('Aktif');
  await adminKey.getByRole('button', { name: 'Cabut' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cabut' }).click();
  await expect(adminKey.getByTestId('key-status')).toHaveText('Dicabut');
  expect((await request.get('/auth/me', { headers: { 'x-api-key': apiKey } })).status()).toBe(401);

  await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
  await expect(adminRow.getByTestId('user-status')).toHaveText('Aktif');
  await adminRow.getByRole('button', { name: 'Nonaktifkan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(adminRow.getByTestId('user-status')).toHaveText('Nonaktif');
  await expect(page.getByTestId('users-notice')).toContainText(`Akun ${username} dinonaktifkan`);
  expect((await request.post('/auth/login', { data: { username, password: 'sandi-peramban-1' } })).status()).toBe(401);
  await supervisor.context().close();
});
