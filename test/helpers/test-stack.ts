/**
 * What the global setup shares with test files (through the environment, since Jest isolates
 * modules per file): the Temporal server address, the database and the prebuilt workflow bundle.
 */
export const TEST_ENV = {
  temporalAddress: 'SINERGI_TEST_TEMPORAL_ADDRESS',
  databaseUrl: 'SINERGI_TEST_DATABASE_URL',
  databaseSchema: 'SINERGI_TEST_DATABASE_SCHEMA',
  workflowBundle: 'SINERGI_TEST_WORKFLOW_BUNDLE',
  temporalCli: 'SINERGI_TEST_TEMPORAL_CLI',
  timeSkippingServer: 'SINERGI_TEST_TIME_SKIPPING_SERVER',
} as const;

export function testStackValue(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (value === undefined) throw new Error(`${TEST_ENV[name]} is unset: run tests through jest (global setup)`);
  return value;
}
