import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CaseSnapshot, OpenCaseInput } from '../contracts/case';
import { confirmOpenedUpdate, getCaseQuery } from './case.messages';

const { projectCase } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A projection must never be lost: retry until PostgreSQL is back, with capped backoff.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One case, from intake to closure. The workflow is the single writer of case state; PostgreSQL
 * holds a projection written by activities. This first slice opens the case in INTAKE and keeps it
 * open; the lifecycle stages build on it.
 */
export async function caseWorkflow(input: OpenCaseInput): Promise<void> {
  const now = new Date().toISOString(); // workflow time: deterministic on replay
  const { caseId, channel, regionCode, person } = input;
  const state: CaseSnapshot = { caseId, channel, regionCode, person, openedBy: input.openedBy ?? null, stage: 'INTAKE', openedAt: now, updatedAt: now, version: 1 };
  let projectedVersion = 0;

  setHandler(getCaseQuery, () => state);
  setHandler(confirmOpenedUpdate, async () => {
    await condition(() => projectedVersion >= 1);
    return state;
  });

  await projectCase(state);
  projectedVersion = state.version;

  // Lifecycle commands arrive with the lifecycle issue; until then the case stays open in INTAKE.
  await condition(() => false);
}
