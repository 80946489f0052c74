import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendLedger } from '../../activities/ledger';
import type { Actor } from '../../workflows/contracts/actor';
import { caseWorkflowId } from '../../workflows/contracts/case';
import type { PersonLedgerAction } from '../../workflows/contracts/ledger';
import { ledgerActor } from '../../workflows/case/journal';

/** What a person entry needs of its case (from case_view). */
export interface LedgerCase {
  id: string;
  region_code: string;
  protocol_id: string | null;
  protocol_version: number | null;
}

export const LEDGER_CASE_COLUMNS = 'c.id, c.region_code, c.protocol_id, c.protocol_version';

/**
 * Appends a person-registry event to a case's hash-chained ledger, in the caller's transaction (so the
 * link change and its entry are written together or not at all). Ids and decisions only: no names.
 */
export async function recordPersonEvent(
  m: EntityManager,
  actor: Actor,
  kase: LedgerCase,
  action: PersonLedgerAction,
  summary: string,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const who = ledgerActor(actor);
  await appendLedger((text, params) => m.query(text, params), kase.id, [
    {
      key: `p:${randomUUID()}`,
      action,
      outcome: 'ACCEPTED',
      actor: who,
      agencyCode: who.agencyCode,
      taskKey: null,
      reason: null,
      summary,
      payload,
      snapshot: null,
      regionCode: kase.region_code,
      protocol: kase.protocol_id === null || kase.protocol_version === null ? null : { id: kase.protocol_id, version: kase.protocol_version },
      occurredAt: at.toISOString(),
      origin: { workflowId: caseWorkflowId(kase.id), runId: null, eventId: null },
    },
  ], at);
}
