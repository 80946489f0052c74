import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/**
 * Saves a workflow's history as a replay fixture under test/replay/histories, only when the run was
 * asked to (`SINERGI_RECORD_HISTORIES=1 npm test`). Commit the files a workflow change must keep replaying.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.SINERGI_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(join(__dirname, '..', 'replay', 'histories', `${name}.json`), `${historyToJSON(history)}\n`);
}
