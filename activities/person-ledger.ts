import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { caseWorkflowId } from '../workflows/contracts/case';
import type { LedgerActor, PersonLedgerAction } from '../workflows/contracts/ledger';
import { appendLedger } from './ledger';

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
 * link change and its entry are written together or not at all). Ids and decisions only: no names. The
 * actor is a staff member (an `Actor` fits) or `SYSTEM_ACTOR` for what Sinergi does on its own (retention).
 */
export async function recordPersonEvent(
  m: EntityManager,
  actor: LedgerActor,
  kase: LedgerCase,
  action: PersonLedgerAction,
  summary: string,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const who: LedgerActor = { id: actor.id, name: actor.name, role: actor.role, agencyCode: actor.agencyCode };
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
