import { expect, test } from '@playwright/test';
import { captureScreen, loginAs } from './fixtures';

test('the login page is in Bahasa Indonesia; a wrong password is explained; the case worker lands on the case list', async ({ page }) => {
  await page.goto('/masuk');
  await expect(page.getByRole('heading', { name: 'Masuk ke Sinergi' })).toBeVisible();
  await captureScreen(page, 'login');
  await page.getByLabel('Nama pengguna').fill('caseworker');
  await page.getByLabel('Kata sandi').first().fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');
  await loginAs(page, 'caseworker');
  await expect(page).toHaveURL(/\/kasus$/);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('who-am-i')).toContainText('35.14');
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/masuk/);
  await expect(page.getByText('Anda telah keluar.')).toBeVisible();
});

test('the language switch turns every label to English and back', async ({ page }) => {
  await page.goto('/masuk');
  // Short on screen, named in full for screen readers.
  await expect(page.getByRole('radio', { name: 'English' })).toBeAttached();
  await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Sinergi' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('language-switch').getByText('ID', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Masuk ke Sinergi' })).toBeVisible();
});

test('the access token is renewed silently before it expires, and a session that cannot be renewed sends the person to the login page with the reason', async ({ page }) => {
  await page.clock.install();
  await loginAs(page, 'caseworker');
  const refreshed = page.waitForResponse((res) => res.url().endsWith('/auth/refresh') && res.status() === 200);
  await page.clock.fastForward('14:30'); // the demo access token lives 15 minutes
  await refreshed;
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('who-am-i')).toContainText('caseworker');
  await page.keyboard.press('Escape');
  // The refresh token is single use: spend it behind the app's back, so the next renewal fails.
  const stored = await page.evaluate(() => sessionStorage.getItem('sinergi.session'));
  const { refreshToken } = JSON.parse(stored ?? '{}') as { refreshToken: string };
  expect((await page.request.post('/auth/refresh', { data: { refreshToken } })).status()).toBe(200);
  await page.clock.fastForward('14:30');
  await expect(page).toHaveURL(/\/masuk/);
  await expect(page.getByText('Sesi Anda telah berakhir. Silakan masuk lagi.')).toBeVisible();
});
