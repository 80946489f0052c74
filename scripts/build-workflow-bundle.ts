import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { projectRoot } from '../src/config/app-config';
import { sharedWorkflowModules } from '../src/worker/workflow-bundle-options';

/**
 * Pre-bundles the workflow code once at build time, so workers start without running webpack
 * (seconds of CPU on a small machine). The same bundle serves production and replay tests.
 */
export async function buildWorkflowBundle(outFile: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    preloadModules: sharedWorkflowModules(),
    logger: new DefaultLogger('WARN'),
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
}

if (require.main === module) {
  const out = process.argv[2] ?? join(projectRoot(), 'dist', 'workflow-bundle.js');
  buildWorkflowBundle(out).then(
    () => process.stdout.write(`workflow bundle written to ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`workflow bundle failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
