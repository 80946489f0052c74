import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { currentRequestId } from '../common/request-context';
import type { CappedTotal } from '../common/capped-count';
import { cappedCount } from '../common/capped-count';
import { SqlFilter } from '../common/sql-filter';

/** Routes that return a case's personal data, as recorded in the access log. */
export type PersonalDataRoute =
  | 'POST /cases'
  | 'GET /cases'
  | 'POST /cases/search'
  | 'GET /cases/:id'
  | 'POST /cases/:id/<command>'
  | 'GET /cases/:id/history'
  | 'GET /cases/:id/history/export'
  | 'GET /cases/:id/history/export?personal=true'
  | 'GET /cases/:id/state'
  | 'GET /audit/events'
  | 'GET /audit/events/export'
  | 'GET /audit/events/export?personal=true'
  | 'GET /tasks'
  | 'POST /tasks/:id/<action>'
  | 'GET /cases/:id/person-candidates'
  | 'POST /cases/:id/person'
  | 'GET /persons/:id'
  | 'PATCH /persons/:id'
  | 'GET /persons/:id/data-report'
  | 'POST /persons/:id/<right>'
  | 'DELETE /persons/:id/<right>'
  | 'POST /persons/search'
  | 'POST /razia'
  | 'POST /codec/decode';

export interface AccessRow {
  id: string;
  caseId: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  route: string;
  /** The request's `X-Request-Id`, to find it in the request log. */
  requestId: string | null;
  accessedAt: string;
}

export interface AccessQuery {
  caseId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/**
 * The record of processing (UU 27/2022, pmks-domain §8): who saw whose record, when, through which
 * route. Written before the data leaves the API: when it cannot be written, the read fails.
 * Append-only (the application role may not UPDATE or DELETE it).
 */
@Injectable()
export class AccessLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(actor: Actor, route: PersonalDataRoute, caseIds: readonly string[]): Promise<void> {
    const unique = [...new Set(caseIds)];
    if (unique.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO personal_data_access (case_id, actor_id, actor_name, actor_role, route, request_id)
       SELECT c, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS c`,
      [unique, actor.id, actor.name, actor.role, route, currentRequestId()],
    );
  }

  /** Entries of cases in the auditor's region scope, newest first. */
  async query(scope: string, q: AccessQuery): Promise<{ items: AccessRow[] } & CappedTotal> {
    const f = new SqlFilter();
    f.raw(`a.case_id IN (SELECT id FROM case_view WHERE ${f.regionCondition('region_code', scope)})`);
    if (q.caseId !== undefined) f.add('a.case_id = ?', q.caseId);
    if (q.actorId !== undefined) f.add('a.actor_id = ?', q.actorId);
    if (q.from !== undefined) f.add('a.accessed_at >= ?', q.from);
    if (q.to !== undefined) f.add('a.accessed_at < ?', q.to);
    const { where: filter, params } = f;
    const rows = await this.dataSource.query<{ id: string; case_id: string; actor_id: string; actor_name: string; actor_role: string; route: string; request_id: string | null; accessed_at: Date }[]>(
      `SELECT a.* FROM personal_data_access a WHERE ${filter} ORDER BY a.accessed_at DESC, a.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const { total, totalCapped } = await cappedCount(this.dataSource, `personal_data_access a WHERE ${filter}`, params);
    return {
      items: rows.map((r) => ({ id: r.id, caseId: r.case_id, actorId: r.actor_id, actorName: r.actor_name, actorRole: r.actor_role, route: r.route, requestId: r.request_id, accessedAt: r.accessed_at.toISOString() })),
      total,
      totalCapped,
    };
  }
}
