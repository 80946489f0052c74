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
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.getByRole('heading', { name: 'Sign in to Sinergi' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('language-switch').getByText('ID').click();
  await expect(page.getByRole('heading', { name: 'Masuk ke Sinergi' })).toBeVisible();
});
