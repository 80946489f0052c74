/** One Jest run: unit specs next to the code, integration tests under test/, all serial (one shared Temporal server, 2 cores). */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{src,activities,workflows}/**/*.spec.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
  verbose: true,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
