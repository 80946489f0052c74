import { ledgerHash } from '../../activities/ledger';
import type { LedgerRecord } from '../../workflows/contracts/ledger';
import { GENESIS_HASH } from '../../workflows/contracts/ledger';

export type ChainProblem = 'MISSING_EVENT' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' | 'HEAD_MISMATCH';

export interface BrokenLink {
  /** Sequence number of the first event that does not check out (or that is missing). */
  seq: number;
  /** Its key, when the event is there. */
  key: string | null;
  problem: ChainProblem;
  detail: string;
}

export interface ChainVerdict {
  valid: boolean;
  events: number;
  firstBroken: BrokenLink | null;
}

/**
 * Walks a case's chain in sequence order: numbering without gaps from 1, each event's `prevHash` equal
 * to the previous event's hash, each hash equal to the recomputed one, and the last event equal to the
 * head row (events cut off the end). Reports the first link that fails.
 */
export function verifyChain(records: readonly LedgerRecord[], head: { seq: number; hash: string } | null): ChainVerdict {
  let prev = GENESIS_HASH;
  const broken = (firstBroken: BrokenLink): ChainVerdict => ({ valid: false, events: records.length, firstBroken });
  for (const [i, r] of records.entries()) {
    const expected = i + 1;
    if (r.seq !== expected) return broken({ seq: expected, key: null, problem: 'MISSING_EVENT', detail: `event ${expected} is missing (next present: ${r.seq})` });
    if (r.prevHash !== prev) return broken({ seq: r.seq, key: r.key, problem: 'PREVIOUS_HASH_MISMATCH', detail: `event ${r.seq} does not link to event ${r.seq - 1}` });
    if (ledgerHash(r) !== r.hash) return broken({ seq: r.seq, key: r.key, problem: 'HASH_MISMATCH', detail: `event ${r.seq} was changed after it was recorded` });
    prev = r.hash;
  }
  if (head !== null && (head.seq !== records.length || head.hash !== prev)) {
    return head.seq > records.length
      ? broken({ seq: records.length + 1, key: null, problem: 'MISSING_EVENT', detail: `events ${records.length + 1}–${head.seq} are missing` })
      : broken({ seq: head.seq, key: null, problem: 'HEAD_MISMATCH', detail: `the head (event ${head.seq}) does not match the last event (${records.length})` });
  }
  return { valid: true, events: records.length, firstBroken: null };
}
