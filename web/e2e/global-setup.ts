import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Launched {
  port: number;
  waitHealthy(timeoutMs: number): Promise<number>;
  stop(): Promise<number | null>;
  output(): string;
}

/**
 * Starts the built system as `npm start` does (the launcher: Temporal dev server, embedded
 * PostgreSQL, migrations, demo data, worker, API with the web app) on a temporary folder and free
 * ports; the tests reach it at SINERGI_WEB_URL. `npm run test:web` builds first.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // The compiled helper of the load checks (dist/, built by `npm run build`).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LaunchedSystem } = require('../../dist/scripts/load/launched-system.js') as { LaunchedSystem: { start(dir: string, env: Record<string, string>): Promise<Launched> } };
  const dir = mkdtempSync(join(tmpdir(), 'sinergi-web-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the OS user postgres
  const system = await LaunchedSystem.start(dir, { NODE_ENV: 'development', LOG_LEVEL: 'warn', SINERGI_DEMO_PASSWORD: 'sinergi-demo' });
  await system.waitHealthy(120_000);
  process.env.SINERGI_WEB_URL = `http://127.0.0.1:${system.port}`;
  process.stdout.write(`[web tests] Sinergi at ${process.env.SINERGI_WEB_URL} (data ${dir})\n`);
  return async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
