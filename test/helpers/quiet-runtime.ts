import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Keeps the SDK's per-state INFO lines out of test output; warnings and errors still show. */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier test file: nothing to do.
  }
}
