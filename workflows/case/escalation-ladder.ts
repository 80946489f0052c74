import type { Escalation } from '../contracts/case';
import type { Stage } from '../contracts/lifecycle';
import type { Protocol } from '../contracts/protocol';
import { parseDuration } from '../domain/duration';
import type { Journal } from './journal';
import { recordRung } from './journal';

/**
 * The protocol's escalation ladder, written once for every clock that walks it: a stage's deadline and
 * each agency task's acceptance and completion clocks. A missed deadline fires its rungs in time order
 * (the first reminds the assignee, later ones escalate), each recorded in the case's escalations and
 * its journal at the workflow time it was due. Pure; times are epoch ms of workflow time.
 */
export type Ladder = Protocol['escalation'];

const MAX_ESCALATIONS_KEPT = 50;

/** A clock on the ladder: its deadline now, how many rungs fired, and what a miss is recorded as. */
export interface LadderClock {
  deadline(): string | null;
  level(): number;
  /** Moves one rung up (and marks the subject overdue); returns the new level. */
  climb(): number;
  /** Records the missed deadline itself, once, before the first rung. */
  recordMissed(at: string): void;
  /** The agency task the clock belongs to; null for the stage's own clock. */
  task: { taskKey: string; agencyCode: string } | null;
}

export interface LadderState extends Journal {
  stage: Stage;
  regionCode: string;
  protocol: { id: string; version: number } | null;
  responsibleAgency: string | null;
  escalations: Escalation[];
}

/** When the next rung is due (epoch ms), or undefined: no deadline, or the ladder is exhausted. */
export function nextRungAt(ladder: Ladder, deadline: string | null, level: number): number | undefined {
  const rung = ladder[level];
  return deadline === null || rung === undefined ? undefined : Date.parse(deadline) + (parseDuration(rung.after) ?? 0);
}

/** Fires every rung of the clock that is due at `nowMs`, in order; true when one fired. */
export function fireDueRungs(state: LadderState, ladder: Ladder, clock: LadderClock, nowMs: number): boolean {
  let fired = false;
  for (let wake = nextRungAt(ladder, clock.deadline(), clock.level()); wake !== undefined && wake <= nowMs; wake = nextRungAt(ladder, clock.deadline(), clock.level())) {
    const { notify } = ladder[clock.level()] as Ladder[number];
    const at = new Date(wake).toISOString();
    if (clock.level() === 0) clock.recordMissed(at);
    const level = clock.climb();
    const about = clock.task === null ? {} : { taskKey: clock.task.taskKey };
    state.escalations = [...state.escalations, { stage: state.stage, ...about, level, notify, at }].slice(-MAX_ESCALATIONS_KEPT);
    recordRung(state, at, { stage: state.stage, level, notify }, clock.task);
    fired = true;
  }
  return fired;
}
