import type { CaseProjectionDeps } from './case-projection.activities';
import { createCaseProjectionActivities } from './case-projection.activities';

export type ActivityDeps = CaseProjectionDeps;

/** Every activity of the case worker, built from explicit dependencies (no framework inside). */
export function createActivities(deps: ActivityDeps) {
  return { ...createCaseProjectionActivities(deps) };
}

/** The type workflows proxy against (`proxyActivities<Activities>`). */
export type Activities = ReturnType<typeof createActivities>;
