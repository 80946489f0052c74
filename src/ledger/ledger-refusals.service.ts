import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendLedger } from '../../activities/ledger';
import type { Actor } from '../../workflows/contracts/actor';
import { caseWorkflowId } from '../../workflows/contracts/case';
import { ledgerActor } from '../../workflows/case/journal';
import { DomainError } from '../common/errors/domain-error';

/** What was refused: the request id (idempotency), the action and what was asked. */
export interface RefusedRequest {
  requestId: string;
  action: string;
  payload: Record<string, unknown>;
  agencyCode?: string | null;
  taskKey?: string | null;
}

/**
 * Refusals of a caller entitled to the case (its stage machine, task rules or validation said no).
 * Scope refusals never come here: they go to the security log, never into someone else's record.
 */
const REFUSALS = new Set(['ILLEGAL_TRANSITION', 'ROLE_NOT_ALLOWED', 'VALIDATION_FAILED', 'CASE_CLOSED', 'TASK_CLOSED']);

/**
 * The API's entries in a case's ledger: the commands the case refused (a refusal leaves nothing in
 * Temporal's history). They go through the ledger's one write path (activities/ledger.ts), like the
 * entries the projection activities carry; a retried request is recorded once.
 */
@Injectable()
export class LedgerRefusals {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` and, when it refuses with one of the refusals above, records it before passing it on. */
  async recorded<T>(actor: Actor, caseId: string, r: RefusedRequest, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError && REFUSALS.has(error.code)) await this.record(actor, caseId, r, error);
      throw error;
    }
  }

  private async record(actor: Actor, caseId: string, r: RefusedRequest, error: DomainError): Promise<void> {
    const who = ledgerActor(actor);
    // Looked up here, on the refusal path only: the case's region and pinned protocol for the entry.
    const [c] = await this.dataSource.query<{ region_code: string; protocol_id: string | null; protocol_version: number | null }[]>(
      'SELECT region_code, protocol_id, protocol_version FROM case_view WHERE id = $1',
      [caseId],
    );
    if (c === undefined) return; // no such case: nothing to record it on
    await this.dataSource.transaction((m) =>
      appendLedger((text, params) => m.query(text, params), caseId, [
        {
          key: `r:${r.requestId}`,
          action: r.action,
          outcome: 'REJECTED',
          actor: who,
          agencyCode: r.agencyCode ?? who.agencyCode,
          taskKey: r.taskKey ?? null,
          reason: error.message,
          summary: `${r.action} refused: ${error.code}`,
          payload: { code: error.code, ...r.payload },
          snapshot: null,
          regionCode: c.region_code,
          protocol: c.protocol_id === null || c.protocol_version === null ? null : { id: c.protocol_id, version: c.protocol_version },
          occurredAt: new Date().toISOString(),
          origin: { workflowId: caseWorkflowId(caseId), runId: null, eventId: null },
        },
      ]),
    );
  }
}
