import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (Playwright's own download cannot reach its servers here) against
 * the whole built system, started once by global-setup.ts on a temporary folder and free ports
 * (real Temporal dev server, real PostgreSQL, worker, API serving the web app). Serial: one stack, 2 cores.
 */
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../reports/web-tests.json' }]],
  outputDir: '../reports/web-test-results',
  use: {
    baseURL: process.env.SINERGI_WEB_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 } } }],
});
