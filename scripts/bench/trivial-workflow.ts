import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The anchor of `npm run bench`: the least work a Temporal update can be. Its handler returns at once;
 * no activity, no state beyond a counter. A case command measured next to an update on this workflow
 * shows what Sinergi adds to the engine's own round trip (bundled at run time, queue `bench-trivial`).
 */
export const pingUpdate = defineUpdate<number>('ping');

export async function trivialWorkflow(): Promise<void> {
  let pings = 0;
  setHandler(pingUpdate, () => ++pings);
  await condition(() => false);
}
