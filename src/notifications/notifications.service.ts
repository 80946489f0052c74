import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { TaskType } from '../../workflows/contracts/task';
import { TASK_TYPES } from '../../workflows/contracts/task';
import { SqlFilter } from '../common/sql-filter';
import { PuskesosIntake } from '../puskesos/puskesos-intake.service';
import type { NotificationListResponse, NotificationResponse, NotificationsQuery } from './dto/notification.dto';
import { monthName } from '../reports/monthly/monthly-labels';
import type { LedgerNotificationKind } from './notification-kinds';
import { isLedgerKind, KIND_ENTRIES, kindOf, KINDS_BY_ROLE } from './notification-kinds';

interface Row {
  case_id: string;
  seq: number;
  action: string;
  outcome: string;
  task_key: string | null;
  agency_code: string | null;
  stage: string | null;
  task_id: string | null;
  task_type: string | null;
  occurred_at: Date;
}

/** The ledger entries of these kinds as one SQL condition (actions are our own constants, never input). */
function entriesOf(kinds: readonly LedgerNotificationKind[]): string {
  return kinds
    .map((kind) => {
      const { actions, task } = KIND_ENTRIES[kind];
      const taskCondition = task === null ? '' : ` AND e.task_key IS ${task ? 'NOT ' : ''}NULL`;
      return `(e.action IN (${actions.map((a) => `'${a}'`).join(', ')})${taskCondition})`;
    })
    .join(' OR ');
}

const taskTypeOf = (row: Row): TaskType | null => {
  const type = row.task_type ?? row.task_key?.split('@')[0] ?? null;
  return (TASK_TYPES as readonly (string | null)[]).includes(type) ? (type as TaskType) : null;
};

/**
 * The bell's feed, read from the ledger (`case_event`, the one record of what happened to a case):
 * only enumerated columns and the stage from the entry's payload, never its free text or snapshot, so
 * nothing here is personal data and no access is logged. Scoped as the inbox and the case list are.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly puskesos: PuskesosIntake,
  ) {}

  async list(actor: Actor, query: NotificationsQuery): Promise<NotificationListResponse> {
    const { scope, kinds } = KINDS_BY_ROLE[actor.role];
    if (scope === 'none' || kinds.length === 0 || (scope === 'agency' && actor.agencyCode === null)) return { items: [] };
    const [ledger, reports] = await Promise.all([this.fromLedger(actor, kinds.filter(isLedgerKind), scope, query), kinds.includes('MONTHLY_REPORT') ? this.monthlyReports(actor, query) : []]);
    const items = [...ledger, ...reports].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
    return { items: items.slice(0, query.limit) };
  }

  /** The monthly reports of the supervisor's own region (docs/monthly-report.md), newest first. */
  private async monthlyReports(actor: Actor, query: NotificationsQuery): Promise<NotificationResponse[]> {
    const f = new SqlFilter().add('region_code = ?', actor.regionCode);
    if (query.since !== undefined) f.add('generated_at > ?', query.since);
    const rows = await this.dataSource.query<{ id: string; region_code: string; month: string; generated_at: Date }[]>(
      `SELECT id, region_code, to_char(period_from, 'YYYY-MM') AS month, generated_at FROM monthly_report WHERE ${f.where} ORDER BY generated_at DESC LIMIT ${query.limit}`,
      f.params,
    );
    return rows.map((r) => ({
      id: `monthly-report:${r.id}`,
      kind: 'MONTHLY_REPORT',
      caseId: null,
      stage: null,
      taskId: null,
      taskType: null,
      agencyCode: null,
      occurredAt: r.generated_at.toISOString(),
      report: { id: r.id, regionCode: r.region_code, month: r.month, title: `Laporan bulanan ${monthName(r.month)} siap`, pdf: `/reports/monthly/${r.id}/pdf`, xlsx: `/reports/monthly/${r.id}/xlsx` },
    }));
  }

  private async fromLedger(actor: Actor, kinds: readonly LedgerNotificationKind[], scope: 'agency' | 'region', query: NotificationsQuery): Promise<NotificationResponse[]> {
    if (kinds.length === 0) return [];
    const f = new SqlFilter().raw(`(${entriesOf(kinds)})`).raw(`e.outcome <> 'REJECTED'`);
    if (scope === 'agency') f.add('t.agency_code = ?', actor.agencyCode).add('t.region_code = ?', actor.regionCode);
    else f.inRegion('e.region_code', actor.regionCode);
    // A village Puskesos officer hears of their own village's tasks only, as their inbox shows them.
    const post = await this.puskesos.postOf(actor);
    if (post !== null) f.add(`t.case_id IN (SELECT id FROM case_view WHERE intake_point->>'villageCode' = ?)`, post);
    if (query.since !== undefined) f.add('e.occurred_at > ?', query.since);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT e.case_id, e.seq, e.action, e.outcome, e.task_key, e.agency_code, e.occurred_at,
              e.payload->>'stage' AS stage, t.id AS task_id, t.type AS task_type
         FROM case_event e
         ${scope === 'agency' ? 'JOIN' : 'LEFT JOIN'} agency_task t ON t.case_id = e.case_id AND t.task_key = e.task_key
        WHERE ${f.where}
        ORDER BY e.occurred_at DESC, e.case_id, e.seq DESC
        LIMIT ${query.limit}`,
      f.params,
    );
    return rows.flatMap((row) => this.toNotification(row, kinds));
  }

  private toNotification(row: Row, kinds: readonly LedgerNotificationKind[]): NotificationResponse[] {
    const kind = kindOf({ action: row.action, taskKey: row.task_key, outcome: row.outcome }, kinds);
    if (kind === undefined) return [];
    return [
      {
        id: `${row.case_id}:${row.seq}`,
        kind,
        caseId: row.case_id,
        stage: row.stage,
        taskId: row.task_id,
        taskType: taskTypeOf(row),
        agencyCode: row.agency_code,
        occurredAt: row.occurred_at.toISOString(),
        report: null,
      },
    ];
  }
}
