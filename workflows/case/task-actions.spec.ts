import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../contracts/actor';
import type { Protocol } from '../contracts/protocol';
import type { TaskAction, TaskStatus } from '../contracts/task';
import { initialState } from './case-state';
import { checkTaskRequest, taskActionsFor } from './task-rules';

const protocol = JSON.parse(readFileSync(join(__dirname, '..', '..', 'protocols', '3514.v1.json'), 'utf8')) as Protocol;
const base: Actor = { id: 'u', kind: 'user', name: 'u', role: 'AGENCY_OFFICER', regionCode: '3514', agencyId: 'a', agencyCode: 'DINKES' };
const ACTORS: Record<string, Actor> = {
  'Dinkes Pasuruan officer': base,
  'Dinkes Pasuruan system': { ...base, kind: 'agency-system', role: 'AGENCY_SYSTEM' },
  'Dinsos Pasuruan officer': { ...base, agencyCode: 'DINSOS' },
  'Dinkes Banyuwangi officer': { ...base, regionCode: '3510' },
  'Pasuruan supervisor': { ...base, role: 'SUPERVISOR', agencyId: null, agencyCode: null },
  'East Java supervisor': { ...base, role: 'SUPERVISOR', regionCode: '35', agencyId: null, agencyCode: null },
  'Banyuwangi supervisor': { ...base, role: 'SUPERVISOR', regionCode: '3510', agencyId: null, agencyCode: null },
  'case worker': { ...base, role: 'CASE_WORKER', agencyId: null, agencyCode: null },
};
const ACTIONS: TaskAction[] = ['claimTask', 'completeTask', 'rejectTask', 'reassignTask'];
const STATUSES: TaskStatus[] = ['OPEN', 'CLAIMED', 'COMPLETED', 'REJECTED', 'CANCELLED'];

/** A HEALTH_CHECK case (the task's outcome then moves it on) with its Dinkes task in a given status. */
function caseWithTask(status: TaskStatus) {
  const state = initialState({ caseId: 'c1', channel: 'RAZIA', regionCode: '3514', person: { name: 'X', sex: 'L', approximateAge: 34 }, protocol, openedBy: { ...base, role: 'CASE_WORKER' } }, '2026-03-02T01:00:00.000Z');
  state.facts.stage = 'HEALTH_CHECK';
  const order = { taskKey: 'HEALTH_CHECK@v2', caseId: 'c1', type: 'HEALTH_CHECK' as const, agencyCode: 'DINKES', regionCode: '3514', dispatchedAt: '2026-03-02T01:00:00.000Z', dueAt: null };
  state.tasks.push({ order, receipt: null, status, assignee: status === 'CLAIMED' ? { id: 'u', name: 'u' } : null, outcome: null, reason: null, closedAt: null });
  return state;
}

describe('the actions an inbox offers (taskActionsFor)', () => {
  it('are exactly the requests the workflow accepts, for every actor, task status and action', () => {
    const disagreements: string[] = [];
    for (const status of STATUSES) {
      for (const [who, actor] of Object.entries(ACTORS)) {
        const offered = taskActionsFor(actor, { status, agencyCode: 'DINKES', regionCode: '3514' });
        for (const action of ACTIONS) {
          const request = { requestId: 'r', actor, taskKey: 'HEALTH_CHECK@v2', outcome: { result: 'FIT' }, reason: 'alasan', assignee: { id: 'u2', name: 'v' } };
          const accepted = checkTaskRequest(caseWithTask(status), action, request).ok;
          if (accepted !== offered.includes(action)) disagreements.push(`${status} ${who} ${action}: workflow ${accepted ? 'accepts' : 'refuses'}, inbox ${offered.includes(action) ? 'offers' : 'hides'}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
