import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { DomainError } from '../common/errors/domain-error';
import { currentRequestId } from '../common/request-context';
import { SqlFilter } from '../common/sql-filter';
import type { SecurityDetail, SecurityEvent, SecurityEventInput, SecurityEventQuery, SecurityOutcome, SecurityTarget, SecurityTargetKind } from './security-event';

interface SecurityEventRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_region: string | null;
  actor_agency: string | null;
  action: string;
  outcome: SecurityOutcome;
  target_kind: SecurityTargetKind | null;
  target_id: string | null;
  target_region: string | null;
  request_id: string | null;
  detail: SecurityDetail;
}

const toEvent = (r: SecurityEventRow): SecurityEvent => ({
  id: r.id,
  occurredAt: r.occurred_at.toISOString(),
  actor: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '', role: r.actor_role ?? '', regionCode: r.actor_region ?? '', agencyCode: r.actor_agency },
  action: r.action,
  outcome: r.outcome,
  target: r.target_kind === null ? null : { kind: r.target_kind, id: r.target_id, regionCode: r.target_region },
  requestId: r.request_id,
  detail: r.detail,
});

/**
 * The security log: who managed which account, agency or credential, and which requests were refused
 * by region scope. Append-only (the application role may not UPDATE or DELETE it). Below every
 * feature: features call it, it calls none of them.
 */
@Injectable()
export class SecurityLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one event, with the current request's id. Pass the caller's transaction to record a change
   * and its event together (neither without the other).
   */
  async record(actor: Actor | null, event: SecurityEventInput, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<void> {
    const { target } = event;
    await db.query(
      `INSERT INTO security_event (actor_id, actor_name, actor_role, actor_region, actor_agency, action, outcome, target_kind, target_id, target_region, request_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        actor?.id ?? null,
        actor?.name ?? null,
        actor?.role ?? null,
        actor?.regionCode ?? null,
        actor?.agencyCode ?? null,
        event.action,
        event.outcome,
        target?.kind ?? null,
        target?.id ?? null,
        target?.regionCode ?? null,
        currentRequestId(),
        JSON.stringify(event.detail ?? {}),
      ],
    );
  }

  /**
   * Records a request refused because its target lies outside the actor's region scope, then throws
   * the answer the caller chose (a 404 that looks like absence, or a 403).
   */
  async refuse(actor: Actor, target: SecurityTarget, route: string, answer: DomainError): Promise<never> {
    await this.record(actor, { action: 'OUT_OF_SCOPE', outcome: 'REFUSED', target, detail: { route, code: answer.code } });
    throw answer;
  }

  /** Events whose actor or target lies in the region scope, newest first. */
  async query(scope: string, q: SecurityEventQuery): Promise<{ items: SecurityEvent[]; total: number }> {
    // A refusal by scope is shown to the auditors of the region it targeted, not to the caller's own:
    // otherwise an auditor could learn, from the events their own requests leave, which ids exist elsewhere.
    const f = new SqlFilter().add(
      `CASE WHEN action = 'OUT_OF_SCOPE' THEN target_region LIKE ? ELSE EXISTS (SELECT 1 FROM unnest(ARRAY[actor_region, target_region]) AS r(code) WHERE r.code LIKE ?) END`,
      `${scope}%`,
    );
    if (q.action !== undefined) f.add('action = ?', q.action);
    if (q.outcome !== undefined) f.add('outcome = ?', q.outcome);
    if (q.actorId !== undefined) f.add('actor_id = ?', q.actorId);
    if (q.targetKind !== undefined) f.add('target_kind = ?', q.targetKind);
    if (q.targetId !== undefined) f.add('target_id = ?', q.targetId);
    if (q.from !== undefined) f.add('occurred_at >= ?', q.from);
    if (q.to !== undefined) f.add('occurred_at < ?', q.to);
    const { where, params } = f;
    const rows = await this.dataSource.query<SecurityEventRow[]>(
      `SELECT * FROM security_event WHERE ${where} ORDER BY occurred_at DESC, id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM security_event WHERE ${where}`, params);
    return { items: rows.map(toEvent), total };
  }
}
