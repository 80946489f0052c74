import { latencySummary, ratio } from '../bench-stats';
import { AGENCY_TASKS, arrivedTask, CASE_PATH, command, onClients, openCase, timed } from './case-paths';
import type { BenchContext } from './context';

const perSecond = (n: number, ms: number): number => Math.round((n / ms) * 10_000) / 10;

/**
 * Each case command's latency at `clients` concurrent clients: every client carries its own cases
 * through the whole path (CASE_PATH), one command after another, as a case worker does. Next to it, the
 * same number of bare SDK updates on the trivial workflow from as many concurrent clients.
 */
export async function commandLatencies(ctx: BenchContext, clients: number, casesPerClient: number) {
  const cases = clients * casesPerClient;
  const ids: string[] = [];
  await onClients(clients, cases, async () => void ids.push(await openCase(ctx.http)));
  const byCommand: Record<string, number[]> = Object.fromEntries(CASE_PATH.map((s) => [s.command, []]));
  const ms = await onClients(clients, cases, async (i) => {
    for (const step of CASE_PATH) await timed(byCommand[step.command] as number[], () => command(ctx.http, ids[i] as string, step));
  });
  const all = Object.values(byCommand).flat();
  const updates = cases * CASE_PATH.length;
  const ping = await ctx.trivialTargets(clients);
  const anchor: number[] = [];
  const anchorMs = await onClients(clients, updates, (i) => timed(anchor, () => ping(i)));
  const commands = { ...latencySummary(all), perSecond: perSecond(updates, ms) };
  const trivialUpdate = { ...latencySummary(anchor), perSecond: perSecond(updates, anchorMs) };
  return {
    clients,
    cases,
    commands,
    byCommand: Object.fromEntries(Object.entries(byCommand).map(([name, xs]) => [name, latencySummary(xs)])),
    trivialUpdate,
    ratios: { p50: ratio(commands.p50, trivialUpdate.p50), p99: ratio(commands.p99, trivialUpdate.p99), rate: ratio(commands.perSecond, trivialUpdate.perSecond) },
  };
}

/**
 * An agency task's claim and complete at `clients` concurrent agency officers: Dinkes' health check
 * and Dinsos' assessment of each case (waiting for a task to arrive is not timed). Next to it, as many
 * bare SDK updates on the trivial workflow.
 */
export async function taskLatencies(ctx: BenchContext, clients: number, casesPerClient: number) {
  const cases = clients * casesPerClient;
  const ids: string[] = [];
  await onClients(clients, cases, async () => {
    const id = await openCase(ctx.http);
    await command(ctx.http, id, CASE_PATH[0]!);
    ids.push(id);
  });
  const claim: number[] = [];
  const complete: number[] = [];
  await onClients(clients, cases, async (i) => {
    for (const { agencyUser, type, outcome } of AGENCY_TASKS) {
      const taskId = await arrivedTask(ctx.http, agencyUser, ids[i] as string, type);
      await timed(claim, () => ctx.http.send(agencyUser, 'POST', `/tasks/${taskId}/claim`));
      await timed(complete, () => ctx.http.send(agencyUser, 'POST', `/tasks/${taskId}/complete`, { outcome }));
    }
  });
  const ping = await ctx.trivialTargets(clients);
  const anchor: number[] = [];
  await onClients(clients, claim.length + complete.length, (i) => timed(anchor, () => ping(i)));
  const claimed = latencySummary(claim);
  const completed = latencySummary(complete);
  const trivialUpdate = latencySummary(anchor);
  return { clients, cases, claim: claimed, complete: completed, trivialUpdate, ratios: { claimP50: ratio(claimed.p50, trivialUpdate.p50), completeP50: ratio(completed.p50, trivialUpdate.p50) } };
}

/**
 * Round trips of one case's lifecycle in `lifecycleRate`: the open, the path's commands but the health
 * check's result (Dinkes' completed task records it), and two claims and two completes.
 */
export const LIFECYCLE_ROUND_TRIPS = 1 + (CASE_PATH.length - 1) + 2 * AGENCY_TASKS.length;

/**
 * Whole lifecycles per second at `clients` concurrent cases: opened through the API, Dinkes and Dinsos
 * (simulated: they poll their inbox) claim and complete their tasks, the case worker carries the case
 * to closure. The anchor does as many round trips on trivial workflows: a start and the rest as updates.
 */
export async function lifecycleRate(ctx: BenchContext, clients: number, cases: number) {
  const [startHealthCheck, , ...afterHealthCheck] = CASE_PATH; // Dinkes' completed task records the health check
  const ms = await onClients(clients, cases, async () => {
    const id = await openCase(ctx.http);
    await command(ctx.http, id, startHealthCheck!);
    for (const { agencyUser, type, outcome } of AGENCY_TASKS) {
      const taskId = await arrivedTask(ctx.http, agencyUser, id, type);
      await ctx.http.send(agencyUser, 'POST', `/tasks/${taskId}/claim`);
      await ctx.http.send(agencyUser, 'POST', `/tasks/${taskId}/complete`, { outcome });
    }
    for (const step of afterHealthCheck) await command(ctx.http, id, step);
  });
  const anchorMs = await onClients(clients, cases, async () => {
    const workflowId = await ctx.startTrivial();
    for (let i = 1; i < LIFECYCLE_ROUND_TRIPS; i++) await ctx.pingTrivial(workflowId);
  });
  const casesPerSecond = perSecond(cases, ms);
  const trivialPerSecond = perSecond(cases, anchorMs);
  return { clients, cases, roundTripsPerCase: LIFECYCLE_ROUND_TRIPS, casesPerSecond, trivialPerSecond, ratio: ratio(casesPerSecond, trivialPerSecond) };
}
