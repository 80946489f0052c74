import type { Actor } from './actor';

/**
 * The API tells a case it is a repeat once its person is decided: the person's latest earlier case.
 * The workflow decides what that changes, from its pinned protocol's `repeat` section. Plain JSON.
 */
export interface RepeatNotice {
  /** How many earlier cases the person has. */
  count: number;
  previousCaseId: string;
  /** ISO-8601: when the earlier case was opened, and closed (null while still open). */
  previousOpenedAt: string;
  previousClosedAt: string | null;
}

export interface RepeatRequest {
  requestId: string;
  actor: Actor;
  repeat: RepeatNotice;
}
