import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerRow } from '../../activities/ledger';
import { LEDGER_COLUMNS, recordOf } from '../../activities/ledger';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import type { LedgerRecord } from '../../workflows/contracts/ledger';
import type { CappedTotal } from '../common/capped-count';
import { cappedCount, TOTAL_CAP } from '../common/capped-count';
import { SqlFilter } from '../common/sql-filter';
import type { AuditFilter } from './dto/audit.dto';
import type { ChainVerdict } from './ledger-verify';
import { verifyChain } from './ledger-verify';

/** Most events one export returns; narrow the filter for more. */
export const EXPORT_LIMIT = 10_000;

/** Reads of the audit ledger for the auditors' API (it is written by src/ledger and the projection activities). */
@Injectable()
export class Ledger {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's region: from the read model, or from its ledger alone. Null for an unknown case. */
  async regionOf(caseId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ region_code: string }[]>(
      `(SELECT region_code FROM case_view WHERE id = $1) UNION ALL (SELECT region_code FROM case_event WHERE case_id = $1 LIMIT 1) LIMIT 1`,
      [caseId],
    );
    return row?.region_code ?? null;
  }

  async page(caseId: string, limit: number, offset: number): Promise<{ items: LedgerRecord[]; total: number }> {
    const rows = await this.dataSource.query<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 ORDER BY seq LIMIT ${limit} OFFSET ${offset}`, [caseId]);
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM case_event WHERE case_id = $1`, [caseId]);
    return { items: rows.map(recordOf), total };
  }

  /**
   * The case's entries and its head as one snapshot (a read-only REPEATABLE READ transaction). Read
   * apart, an entry appended between the two reads (a task delivery in the background) made a live
   * case's intact chain look broken: the head one ahead of the entries.
   */
  async chain(caseId: string): Promise<{ records: LedgerRecord[]; head: { seq: number; hash: string } | null }> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const rows = await m.query<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 ORDER BY seq`, [caseId]);
      const [head] = await m.query<{ seq: number; hash: string }[]>(`SELECT seq, hash FROM case_ledger_head WHERE case_id = $1`, [caseId]);
      return { records: rows.map(recordOf), head: head ?? null };
    });
  }

  async verify(caseId: string): Promise<ChainVerdict & { caseId: string; head: { seq: number; hash: string } | null }> {
    const { records, head } = await this.chain(caseId);
    return { caseId, ...verifyChain(records, head), head };
  }

  /** The case as its last change at or before `at` (workflow time) left it; null before it was opened. */
  async stateAt(caseId: string, at: string): Promise<CaseSnapshot | null> {
    const [row] = await this.dataSource.query<{ snapshot: CaseSnapshot }[]>(
      `SELECT snapshot FROM case_event WHERE case_id = $1 AND snapshot IS NOT NULL AND occurred_at <= $2 ORDER BY seq DESC LIMIT 1`,
      [caseId, at],
    );
    return row?.snapshot ?? null;
  }

  /** Events across cases in the region scope, by workflow time then chain order. */
  async search(scope: string, f: AuditFilter, limit: number, offset: number, countCap = TOTAL_CAP): Promise<{ items: LedgerRecord[] } & CappedTotal> {
    const { where, params } = filterSql(scope, f);
    const rows = await this.dataSource.query<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE ${where} ORDER BY occurred_at, case_id, seq LIMIT ${limit} OFFSET ${offset}`, params);
    return { items: rows.map(recordOf), ...(await cappedCount(this.dataSource, `case_event WHERE ${where}`, params, countCap)) };
  }
}


function filterSql(scope: string, f: AuditFilter): { where: string; params: unknown[] } {
  const q = new SqlFilter().inRegion('region_code', f.region ?? scope);
  if (f.actor !== undefined) q.add('actor_id = ?', f.actor);
  if (f.agency !== undefined) q.add('agency_code = ?', f.agency);
  if (f.action !== undefined) q.add('action = ?', f.action);
  if (f.outcome !== undefined) q.add('outcome = ?', f.outcome);
  if (f.caseId !== undefined) q.add('case_id = ?', f.caseId);
  if (f.from !== undefined) q.add('occurred_at >= ?', f.from);
  if (f.to !== undefined) q.add('occurred_at < ?', f.to);
  return { where: q.where, params: q.params };
}
