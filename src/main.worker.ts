import 'reflect-metadata';
import { Runtime } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig } from './config/app-config';
import { TemporalWorkers } from './worker/temporal-workers.service';
import { createWorkerApp } from './worker/create-worker-app';
import { temporalRuntimeLogger } from './worker/temporal-runtime-logger';

/**
 * Worker process. Temporal's runtime must not install its own signal handlers: they would start
 * shutting the Worker down while Nest closes the database, racing each other. Nest's shutdown hooks
 * drive the order instead: drain the Worker, then close the pool.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({ shutdownSignals: [], logger: temporalRuntimeLogger(pino({ level: config.logLevel }), config.logLevel) });
  const app = await createWorkerApp(config);
  app.enableShutdownHooks();
  process.on('disconnect', () => void app.close());
  const stopped = app.get(TemporalWorkers).whenStopped();
  process.send?.({ type: 'ready', service: 'worker' });
  await stopped;
}

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
