import 'reflect-metadata';
import { createApiApp } from './api/create-api-app';
import { loadConfig } from './config/app-config';

/** API process: HTTP + Temporal client. Exits non-zero if it cannot start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.send?.({ type: 'ready', service: 'api', url: await app.getUrl() });
  // The launcher runs us detached; if it dies, do not linger as an orphan.
  process.on('disconnect', () => void app.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
