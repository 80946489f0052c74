import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiCall, apiToken, captureScreen, loginAs } from './fixtures';

type Task = { id: string; caseId: string; type: string; status: string; assigneeName: string | null };
type Notification = { kind: string; caseId: string; taskType: string | null };

/** A case of the demo region with its health check ordered, set up through the API as the case worker would. */
async function caseWithHealthCheck(request: APIRequestContext, name: string): Promise<string> {
  const caseWorker = await apiToken(request, 'caseworker');
  const opened = await apiCall<{ id: string }>(request, caseWorker, 'POST', '/cases', { channel: 'RAZIA', regionCode: '3514', person: { name, sex: 'L', approximateAge: 47 } });
  await apiCall(request, caseWorker, 'POST', `/cases/${opened.id}/start-health-check`, {});
  return opened.id;
}

/** Delivery to the agency's inbox is asynchronous (the case workflow dispatches it): wait until DINKES has it. */
async function deliveredToDinkes(request: APIRequestContext, caseId: string): Promise<Task> {
  const dinkes = await apiToken(request, 'dinkes');
  let task: Task | undefined;
  await expect
    .poll(async () => {
      task = (await apiCall<{ items: Task[] }>(request, dinkes, 'GET', `/tasks?caseId=${caseId}`)).items.find((t) => t.type === 'HEALTH_CHECK');
      return task?.status;
    }, { timeout: 30_000 })
    .toBe('OPEN');
  return task as Task;
}

const card = (page: Page, taskId: string) => page.locator(`[data-testid="task-card"][data-task-id="${taskId}"]`);

test('dinkes hears of the new health check, claims it and records it FIT with findings; the case moves on', async ({ page, request }) => {
  const caseId = await caseWithHealthCheck(request, 'Pak Lonceng');
  const task = await deliveredToDinkes(request, caseId);
  await loginAs(page, 'dinkes');
  await expect(page).toHaveURL(/\/tugas$/);

  // The bell counts what is new, and leads to the task.
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', /\d+ pemberitahuan baru/);
  await page.getByTestId('notification-bell').click();
  const list = page.getByTestId('notifications');
  const news = list.getByTestId('notification').filter({ hasText: 'Tugas baru' }).filter({ hasText: 'Pemeriksaan kesehatan' });
  await expect(news.first()).toBeVisible();
  await captureScreen(page, 'notifications');
  await page.getByTestId('notifications-mark-read').click();
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', 'Pemberitahuan');
  await page.keyboard.press('Escape');

  await page.getByLabel('ID kasus').fill(caseId);
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(new RegExp(`kasus=${caseId}`));
  const open = page.getByTestId('task-list-open');
  await expect(card(page, task.id)).toBeVisible();
  await expect(open.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, task.id)).toContainText('Pemeriksaan kesehatan');
  await expect(card(page, task.id)).toContainText(caseId);
  // Whom to examine, as far as the health check needs: name, sex and age; nothing more of the case.
  await expect(card(page, task.id).getByTestId('task-brief')).toHaveText(/Pak Lonceng.*Laki-laki, ± 47 tahun/);
  await expect(card(page, task.id)).toContainText('WIB');
  await expect(card(page, task.id).getByTestId('task-status')).toHaveText('Terbuka');
  await captureScreen(page, 'inbox');

  await card(page, task.id).getByRole('button', { name: 'Ambil tugas' }).click();
  const claimed = page.getByTestId('task-list-claimed').locator(`[data-task-id="${task.id}"]`);
  await expect(claimed.getByTestId('task-status')).toHaveText('Diambil');
  await expect(claimed).toContainText('dinkes');

  await claimed.getByRole('button', { name: 'Catat hasil' }).click();
  const form = page.getByTestId('complete-form');
  await expect(page.getByRole('dialog', { name: 'Catat hasil: Pemeriksaan kesehatan' })).toBeVisible();
  await form.getByRole('textbox', { name: 'Hasil pemeriksaan' }).click();
  await page.getByRole('option', { name: 'Sehat, dapat melanjutkan' }).click();
  // A zero-width space the eye cannot see: the API refuses it, the form keeps what was typed.
  await form.getByLabel('Temuan pemeriksaan').fill('Tekanan darah normal,\u200B tidak ada keluhan');
  await form.getByRole('button', { name: 'Simpan hasil' }).click();
  await expect(form.getByRole('alert')).toContainText('outcome.findings');
  await expect(form.getByRole('textbox', { name: 'Hasil pemeriksaan' })).toHaveValue('Sehat, dapat melanjutkan');
  await expect(form.getByLabel('Temuan pemeriksaan')).toHaveValue('Tekanan darah normal,\u200B tidak ada keluhan');
  await form.getByLabel('Temuan pemeriksaan').fill('Tekanan darah normal, tidak ada keluhan');
  await captureScreen(page, 'inbox-complete-form');
  await form.getByRole('button', { name: 'Simpan hasil' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('task-list-claimed')).toContainText('Tidak ada tugas yang sedang dikerjakan.');

  // Everything of the case: the task is done, with its outcome as recorded.
  await page.getByTestId('inbox-view').getByText('Semua').click();
  const done = card(page, task.id);
  await expect(done.getByTestId('task-status')).toHaveText('Selesai');
  await expect(done).toContainText('Hasil pemeriksaan: Sehat, dapat melanjutkan');
  await expect(done).toContainText('Temuan pemeriksaan: Tekanan darah normal, tidak ada keluhan');
  const caseWorker = await apiToken(request, 'caseworker');
  expect((await apiCall<{ stage: string }>(request, caseWorker, 'GET', `/cases/${caseId}`)).stage).toBe('ASSESSMENT');
});

test('dinkes rejects a task with a reason; the case team is told', async ({ page, request }) => {
  const caseId = await caseWithHealthCheck(request, 'Bu Tolak');
  const task = await deliveredToDinkes(request, caseId);
  await loginAs(page, 'dinkes');
  await page.goto(`/tugas?kasus=${caseId}`);
  await card(page, task.id).getByRole('button', { name: 'Tolak' }).click();
  const form = page.getByTestId('reject-form');
  // The reason is required: the form does not go without one.
  await form.getByRole('button', { name: 'Tolak tugas' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await form.getByLabel('Alasan penolakan').fill('Dokter jaga tidak ada hari ini; mohon dialihkan ke Puskesmas Bangil');
  await form.getByRole('button', { name: 'Tolak tugas' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('task-list-open')).toContainText('Tidak ada tugas baru yang menunggu.');
  await page.goto(`/tugas?kasus=${caseId}&tampilan=all`);
  await expect(card(page, task.id).getByTestId('task-status')).toHaveText('Ditolak');
  const caseWorker = await apiToken(request, 'caseworker');
  const feed = await apiCall<{ items: Notification[] }>(request, caseWorker, 'GET', '/notifications?limit=100');
  expect(feed.items.filter((n) => n.caseId === caseId)).toEqual([expect.objectContaining({ kind: 'ESCALATION', taskType: 'HEALTH_CHECK' })]);
});

test.describe('on a 360×740 phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the inbox shows cards; dinkes claims and records an outcome in a full-screen form', async ({ page, request }) => {
    const caseId = await caseWithHealthCheck(request, 'Pak Ponsel');
    const task = await deliveredToDinkes(request, caseId);
    await loginAs(page, 'dinkes');
    await page.goto(`/tugas?kasus=${caseId}`);
    const phoneCard = card(page, task.id);
    await expect(phoneCard).toContainText('Pemeriksaan kesehatan');
    const box = await phoneCard.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await captureScreen(page, 'inbox-phone');
    await phoneCard.getByRole('button', { name: 'Ambil tugas' }).tap();
    const claimed = page.getByTestId('task-list-claimed').locator(`[data-task-id="${task.id}"]`);
    await claimed.getByRole('button', { name: 'Catat hasil' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Catat hasil: Pemeriksaan kesehatan' });
    await expect(dialog).toBeVisible();
    expect((await dialog.boundingBox())?.width).toBeGreaterThanOrEqual(355); // full screen
    await dialog.getByRole('textbox', { name: 'Hasil pemeriksaan' }).tap();
    await page.getByRole('option', { name: 'Perlu perawatan' }).tap();
    await dialog.getByRole('button', { name: 'Simpan hasil' }).tap();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const caseWorker = await apiToken(request, 'caseworker');
    await expect.poll(async () => (await apiCall<{ stage: string }>(request, caseWorker, 'GET', `/cases/${caseId}`)).stage).toBe('MEDICAL_TREATMENT');
  });
});

test("the supervisor sees each agency's queue, reassigns a task, and reviews overdue cases", async ({ page, request }) => {
  const caseId = await caseWithHealthCheck(request, 'Bu Antrean');
  const task = await deliveredToDinkes(request, caseId);
  const supervisor = await apiToken(request, 'supervisor');
  const queue = await apiCall<{ inbox: { open: number } }>(request, supervisor, 'GET', '/agencies/DINKES/queue');
  await loginAs(page, 'supervisor');
  await page.goto('/pengawasan/antrean');
  const dinkes = page.locator('[data-testid="agency-queue"][data-agency="DINKES"]');
  await expect(dinkes).toContainText('Dinas Kesehatan');
  await expect(dinkes.getByTestId('count-open')).toHaveText(`Terbuka: ${queue.inbox.open}`);
  await expect(page.locator('[data-testid="agency-queue"][data-agency="DINSOS"]')).toContainText('Dinas Sosial');
  await dinkes.getByRole('button', { name: 'Lihat tugas' }).click();
  const row = page.locator(`[data-testid="queue-task"][data-task-id="${task.id}"]`);
  await expect(row).toContainText('Pemeriksaan kesehatan');
  await expect(row.getByTestId('queue-task-assignee')).toHaveText('Belum diambil');
  await captureScreen(page, 'supervisor-queues');

  await row.getByRole('button', { name: 'Alihkan' }).click();
  const form = page.getByTestId('reassign-form');
  await form.getByRole('textbox', { name: 'Petugas tujuan' }).click();
  await page.getByRole('option', { name: /\(dinkes\)/ }).click();
  await form.getByRole('button', { name: 'Alihkan tugas' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row.getByTestId('queue-task-assignee')).toHaveText('dinkes');
  const dinkesToken = await apiToken(request, 'dinkes');
  expect((await apiCall<{ items: Task[] }>(request, dinkesToken, 'GET', `/tasks?caseId=${caseId}`)).items[0]?.assigneeName).toBe('dinkes');

  const overdue = await apiCall<{ total: number }>(request, supervisor, 'GET', '/cases?overdue=true');
  await page.getByRole('link', { name: 'Kasus terlambat' }).click();
  await expect(page).toHaveURL(/\/pengawasan\/terlambat$/);
  await expect(page.getByRole('heading', { name: 'Kasus terlambat', level: 2 })).toBeVisible();
  const cases = page.getByTestId('overdue-cases');
  await expect(cases.getByRole('heading')).toContainText(`(${overdue.total})`);
  if (overdue.total === 0) await expect(cases).toContainText('Tidak ada kasus yang terlambat.');
  else await expect(cases.getByTestId('overdue-case')).toHaveCount(Math.min(overdue.total, 20));
  await expect(page.getByTestId('attention-cases')).toContainText('Kasus yang perlu perhatian');
  await captureScreen(page, 'supervisor-overdue');
});
