import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { temporalDataConverter } from '../../src/config/app-config';
import { testConfig } from '../helpers/test-config';
import { testStackValue } from '../helpers/test-stack';

const dir = join(__dirname, 'histories');
const histories = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ workflowId: file, history: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));

/** Histories recorded since payload encryption hold encrypted payloads (the test runs' development keyring); older ones are plain. */
const dataConverter = temporalDataConverter(testConfig());

async function replayAll(options: Parameters<typeof Worker.runReplayHistories>[0]) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ dataConverter, ...options }, histories)) results.push(result);
  return results;
}

describe('committed case histories replay against today’s workflow code', () => {
  it('has histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it('replays every history without nondeterminism', async () => {
    const results = await replayAll({ workflowBundle: { codePath: testStackValue('workflowBundle') } });
    expect(results.map((r) => [r.workflowId, r.error])).toEqual(histories.map((h) => [h.workflowId, undefined]));
  });

  it('fails on a workflow change that breaks them (the test can catch regressions)', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/incompatible-case.workflow'), logger: new DefaultLogger('WARN') });
    const results = await replayAll({ workflowBundle: bundle });
    expect(results).toHaveLength(histories.length);
    for (const result of results) expect(result.error?.name).toBe('DeterminismViolationError');
  });
});
