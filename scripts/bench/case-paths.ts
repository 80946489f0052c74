import type { Http } from './context';

/** One step of the bench's case path: who sends which command with which body. */
export interface Step {
  command: string;
  user: 'caseworker' | 'supervisor';
  body: Record<string, unknown>;
}

/**
 * An adult caught in a Pasuruan razia, from intake to closure by the shortest legal path: health check
 * (fit), assessment to the adult shelter, family reunification, one monitoring visit, closed as completed.
 */
export const CASE_PATH: readonly Step[] = [
  { command: 'start-health-check', user: 'caseworker', body: {} },
  { command: 'record-health-check', user: 'caseworker', body: { result: 'FIT' } },
  { command: 'record-assessment', user: 'caseworker', body: { ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' } },
  { command: 'leave-shelter', user: 'caseworker', body: { next: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' } },
  { command: 'complete-reintegration', user: 'caseworker', body: {} },
  { command: 'record-monitoring-visit', user: 'caseworker', body: { outcome: 'STABLE' } },
  { command: 'close', user: 'supervisor', body: { reason: 'COMPLETED', note: 'bench' } },
];

export const openCase = async (http: Http): Promise<string> =>
  ((await http.send('caseworker', 'POST', '/cases', { channel: 'RAZIA', regionCode: '35.14', person: { name: 'Bench Person', sex: 'P', approximateAge: 30 } })) as { id: string }).id;

export const command = (http: Http, caseId: string, step: Step): Promise<unknown> => http.send(step.user, 'POST', `/cases/${caseId}/${step.command}`, step.body);

interface TaskItem {
  id: string;
  type: string;
  status: string;
}

/** Waits (polling its inbox every 20 ms, untimed by the callers) until `agencyUser` sees the case's open task of `type`. */
export async function arrivedTask(http: Http, agencyUser: string, caseId: string, type: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { items } = (await http.send(agencyUser, 'GET', `/tasks?caseId=${caseId}`)) as { items: TaskItem[] };
    const task = items.find((t) => t.type === type && t.status === 'OPEN');
    if (task) return task.id;
    if (Date.now() > deadline) throw new Error(`no ${type} task arrived for ${agencyUser} within 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The two agency tasks of the path: Dinkes' health check (fit) and Dinsos' social assessment. */
export const AGENCY_TASKS = [
  { agencyUser: 'dinkes', type: 'HEALTH_CHECK', outcome: { result: 'FIT', findings: 'bench' } },
  { agencyUser: 'dinsos', type: 'ASSESSMENT', outcome: { summary: 'bench assessment' } },
] as const;

/** Runs `count` jobs on `clients` concurrent loops (job i goes to whichever loop is free) and returns the wall time in ms. */
export async function onClients(clients: number, count: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
  return performance.now() - t0;
}

/** Times `op` and pushes its latency in ms into `into`. */
export async function timed<T>(into: number[], op: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await op();
  into.push(performance.now() - t0);
  return result;
}
