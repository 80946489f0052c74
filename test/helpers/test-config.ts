import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/app-config';
import { testStackValue } from './test-stack';

/**
 * An AppConfig on the run's shared Temporal server and database schema, with a task queue of its
 * own so workers of different test files never pick up each other's workflows.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    TEMPORAL_ADDRESS: testStackValue('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    TEMPORAL_WORKFLOW_BUNDLE: testStackValue('workflowBundle'),
    TEMPORAL_CONNECT_ATTEMPTS: '3',
    DATABASE_URL: testStackValue('databaseUrl'),
    DATABASE_SCHEMA: testStackValue('databaseSchema'),
    DATABASE_POOL_SIZE: '4',
    // Test files create their agencies after the worker starts: it picks them up within a second.
    SINERGI_AGENCY_REFRESH_SECONDS: '1',
    // No repeat-notice schedule per test file on the shared server; the repeats test turns it on.
    SINERGI_REPEAT_SWEEP_SECONDS: '0',
    // Nor a retention schedule: its sweep would erase other files' persons; the retention test turns it on.
    SINERGI_RETENTION_SWEEP_SECONDS: '0',
    // Nor the monthly reports' schedule; the monthly report test turns it on.
    SINERGI_MONTHLY_REPORTS: 'false',
    ...overrides,
  });
}
