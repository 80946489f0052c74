import 'reflect-metadata';
import { loadConfig } from './config/app-config';
import { APP_DB_LOGIN, ensureAppLogin } from './database/app-login';
import { runMigrations } from './database/data-source';
import { prepareTemporal } from './launcher/services';

/**
 * One-shot deployment step (docker-compose `migrate`): applies database migrations and prepares the
 * Temporal namespace (created if missing, retention, search attributes). Safe to run on every deploy.
 * With `SINERGI_APP_DB_PASSWORD` it also makes the non-owner login the API and the worker connect as.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { url, schema } = config.database;
  if (url === undefined) throw new Error('DATABASE_URL is required');
  const applied = await runMigrations({ url, schema, poolSize: 1 });
  process.stdout.write(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}\n`);
  const { appLoginPassword } = config.database;
  if (appLoginPassword !== undefined) {
    process.stdout.write(`login role ${APP_DB_LOGIN}: ${(await ensureAppLogin({ url, schema, poolSize: 1 }, appLoginPassword)).toLowerCase()}\n`);
  }
  if (config.temporal.address !== undefined) {
    const setup = await prepareTemporal(config.temporal.address, config.temporal.namespace, config.temporal.retentionDays);
    process.stdout.write(`namespace ${config.temporal.namespace} ready: ${JSON.stringify(setup)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
