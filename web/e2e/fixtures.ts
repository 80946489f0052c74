import AxeBuilder from '@axe-core/playwright';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'sinergi-demo';
/** The demo region (Kabupaten Pasuruan, WIB). */
export const REGION = '35.14';

/** Signs in through the login page, as a person would, and waits for the role's first screen. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/Kata sandi|Password/).first().fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/masuk/);
}

/** An access token for setting up data through the API (the thing under test is the browser). */
export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiCall<T = Record<string, unknown>>(request: APIRequestContext, token: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const res = await request.fetch(path, { method, headers: { authorization: `Bearer ${token}` }, data: body });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Every screen a test reaches is checked and pictured the same way: axe-core (no serious or critical
 * violation) and, under `npm run docs:screenshots` (SINERGI_SCREENSHOTS=1), a full-page picture in
 * docs/screenshots/<name>.png. Wait for the screen's content before calling it.
 */
export async function captureScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  if (process.env.SINERGI_SCREENSHOTS === '1') {
    const dir = join(__dirname, '..', '..', 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
  }
}

/** axe-core on the current screen: no serious or critical violation; the counts go to reports/axe.jsonl. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const dir = join(__dirname, '..', '..', 'reports');
  mkdirSync(dir, { recursive: true });
  const count = (impact: string) => result.violations.filter((v) => v.impact === impact).length;
  appendFileSync(join(dir, 'axe.jsonl'), `${JSON.stringify({ screen, url: new URL(page.url()).pathname, critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor'), passes: result.passes.length })}\n`);
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
