import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { createApiApp } from '../../src/api/create-api-app';
import type { AppConfig } from '../../src/config/app-config';
import { temporalDataConverter } from '../../src/config/app-config';
import { createWorkerApp } from '../../src/worker/create-worker-app';
import { installQuietRuntime } from './quiet-runtime';

/** Direct PostgreSQL access for assertions, on the run's schema. */
export function testPool(config: AppConfig): Pool {
  const { url, schema } = config.database;
  return new Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
}

/** A Temporal client for assertions (describe, count, history), outside the system under test; it holds the payload keys. */
export async function testTemporalClient(config: AppConfig): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return { client: new Client({ connection, namespace: config.temporal.namespace, dataConverter: temporalDataConverter(config) }), close: () => connection.close() };
}

/** The API app exactly as production builds it, initialised (supertest drives its HTTP server). */
export async function startApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApiApp(config);
  await app.init();
  return app;
}

/** The worker process's application context; resolves once the Worker polls. */
export function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  installQuietRuntime();
  return createWorkerApp(config);
}
