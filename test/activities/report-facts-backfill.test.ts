import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendLedger } from '../../activities/ledger';
import { backfillReportFacts } from '../../activities/report-facts';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import type { LedgerActor, LedgerEntry } from '../../workflows/contracts/ledger';
import { SYSTEM_ACTOR } from '../../workflows/contracts/ledger';
import { LEDGER_COLUMNS } from '../../activities/ledger';
import { ReportFacts1764980000000 } from '../../src/database/migrations/1764980000000-ReportFacts';
import { migrationSchema } from '../helpers/migration-schema';

/**
 * The report summary tables as the ledger's writer keeps them, and as the migration's backfill rebuilds
 * them from a ledger written before them (docs/reports.md): the same rows either way, and a second
 * backfill over written rows changes nothing. Real PostgreSQL, a schema of its own.
 */
describe('report facts: written with the ledger, rebuilt from it', () => {
  const schemas = migrationSchema('repfacts');
  let db: DataSource;
  const caseId = randomUUID();
  const worker: LedgerActor = { id: 'u-cw', name: 'cw.bwi', role: 'CASE_WORKER', agencyCode: null };
  const officer: LedgerActor = { id: 'u-dk', name: 'dinkes.bwi', role: 'AGENCY_OFFICER', agencyCode: 'DINKES' };
  const at = (hours: number) => new Date(Date.parse('2026-11-02T01:00:00Z') + hours * 3_600_000).toISOString();

  const snapshot = (stage: CaseSnapshot['stage'], version: number, extra: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
    caseId,
    stage,
    channel: 'COMPLAINT',
    regionCode: '3510',
    person: { sex: 'P', approximateAge: 11, sealed: { $sealed: 'v1', key: 'k', iv: 'i', data: 'd' } },
    openedBy: null,
    originRegionCode: '3514',
    intakePoint: { villageCode: '3510012001', name: 'Desa Uji', agencyCode: 'PUSKESOS' },
    protocol: { id: '3510', version: 1 },
    ppksCategories: [],
    warnings: [],
    closure: null,
    responsibleAgency: stage === 'HEALTH_CHECK' ? 'DINKES' : 'DINSOS',
    deadlineAt: stage === 'INTAKE' ? at(4) : null,
    overdue: false,
    escalations: [],
    lastAction: null,
    stageEnteredAt: at(0),
    openedAt: at(0),
    updatedAt: at(0),
    version,
    ...extra,
  });

  let n = 0;
  const entry = (action: string, hours: number, fields: Partial<LedgerEntry> = {}): LedgerEntry => ({
    key: `w${++n}`,
    action,
    outcome: 'ACCEPTED',
    actor: SYSTEM_ACTOR,
    agencyCode: null,
    taskKey: null,
    reason: null,
    summary: action,
    payload: null,
    snapshot: null,
    regionCode: '3510',
    protocol: { id: '3510', version: 1 },
    occurredAt: at(hours),
    origin: null,
    ...fields,
  });

  /** A complaint answered after 3 h, checked by Dinkes (claimed late), escalated, assessed, sent home to 3514, visited twice. */
  const changes: LedgerEntry[][] = [
    [entry('openCase', 0, { actor: worker, snapshot: snapshot('INTAKE', 1) })],
    [
      entry('startHealthCheck', 3, { actor: worker }),
      entry('stageChanged', 3, { payload: { from: 'INTAKE', to: 'HEALTH_CHECK' } }),
      entry('taskOrdered', 3, {
        agencyCode: 'DINKES',
        taskKey: 'HEALTH_CHECK@v2',
        payload: { taskKey: 'HEALTH_CHECK@v2', caseId, type: 'HEALTH_CHECK', agencyCode: 'DINKES', regionCode: '3510', dispatchedAt: at(3), dueAt: at(27), acceptBy: at(4) },
        snapshot: snapshot('HEALTH_CHECK', 2),
      }),
    ],
    [entry('escalated', 6, { agencyCode: 'DINKES', taskKey: 'HEALTH_CHECK@v2', payload: { stage: 'HEALTH_CHECK', level: 2, notify: 'AGENCY_SUPERVISOR' } })],
    [entry('claimTask', 7, { actor: officer, agencyCode: 'DINKES', taskKey: 'HEALTH_CHECK@v2' })],
    // A refused command changes no figure.
    [entry('closeCase', 8, { actor: worker, outcome: 'REJECTED', key: 'r:x', payload: { code: 'ROLE_NOT_ALLOWED' } })],
    [
      entry('completeTask', 9, { actor: officer, agencyCode: 'DINKES', taskKey: 'HEALTH_CHECK@v2' }),
      entry('recordHealthCheck', 9, { actor: officer, payload: { result: 'FIT' } }),
      entry('stageChanged', 9, { payload: { from: 'HEALTH_CHECK', to: 'ASSESSMENT' }, snapshot: snapshot('ASSESSMENT', 3) }),
    ],
    [
      entry('recordAssessment', 20, { actor: worker, payload: { ppksCategories: ['PPKS-03'], decision: 'REINTEGRATION', reintegrationType: 'REPATRIATION' } }),
      entry('stageChanged', 20, { payload: { from: 'ASSESSMENT', to: 'REINTEGRATION' }, snapshot: snapshot('REINTEGRATION', 4, { ppksCategories: ['PPKS-03'] }) }),
    ],
    [entry('acknowledgeRepatriation', 50, { actor: officer, payload: { receivingOfficer: 'x', receivingRegionCode: '3514' } })],
    [
      entry('completeReintegration', 60, { actor: worker }),
      entry('stageChanged', 60, { payload: { from: 'REINTEGRATION', to: 'MONITORING' }, snapshot: snapshot('MONITORING', 5, { ppksCategories: ['PPKS-03'] }) }),
    ],
    [entry('recordMonitoringVisit', 800, { actor: officer, payload: { outcome: 'STABLE' } })],
    [entry('recordMonitoringVisit', 2000, { actor: officer, payload: { outcome: 'RETURNED_TO_STREET' } })],
  ];

  const tables = async (source: DataSource = db) => ({
    case: await source.query(`SELECT * FROM report_case ORDER BY case_id`),
    stage: await source.query(`SELECT * FROM report_stage ORDER BY case_id, entered_at`),
    task: await source.query(`SELECT * FROM report_task ORDER BY case_id, task_key`),
    escalation: await source.query(`SELECT * FROM report_escalation ORDER BY case_id, seq`),
    monitoring: await source.query(`SELECT * FROM report_monitoring ORDER BY case_id, seq`),
  });

  beforeAll(async () => {
    db = await schemas.after();
    for (const change of changes) await db.transaction((m) => appendLedger((text, params) => m.query(text, params), caseId, change));
  });

  afterAll(async () => {
    await schemas.drop(db);
  });

  it('keeps the facts as the ledger says them', async () => {
    const t = await tables();
    expect(t.case).toEqual([
      expect.objectContaining({
        region_code: '3510',
        channel: 'COMPLAINT',
        categories: ['PPKS-03'],
        sex: 'P',
        age: 11,
        intake_village_code: '3510012001',
        case_worker_id: 'u-cw',
        first_response_due_at: new Date(at(4)),
        first_response_at: new Date(at(3)),
        stage: 'MONITORING',
        closed_at: null,
        reintegration_type: 'REPATRIATION',
        repatriated_to: '3514',
        repatriated_at: new Date(at(50)),
        version: 5,
      }),
    ]);
    expect(t.stage.map((s: { stage: string; entered_at: Date; left_at: Date | null; agency_code: string | null }) => [s.stage, s.entered_at.toISOString(), s.left_at?.toISOString() ?? null, s.agency_code])).toEqual([
      ['INTAKE', at(0), at(3), 'DINSOS'],
      ['HEALTH_CHECK', at(3), at(9), 'DINKES'],
      ['ASSESSMENT', at(9), at(20), 'DINSOS'],
      ['REINTEGRATION', at(20), at(60), 'DINSOS'],
      ['MONITORING', at(60), null, 'DINSOS'],
    ]);
    expect(t.task).toEqual([
      expect.objectContaining({ task_key: 'HEALTH_CHECK@v2', agency_code: 'DINKES', accept_by: new Date(at(4)), claimed_at: new Date(at(7)), completed_at: new Date(at(9)), status: 'COMPLETED' }),
    ]);
    expect(t.escalation).toEqual([expect.objectContaining({ agency_code: 'DINKES', level: 2, notify: 'AGENCY_SUPERVISOR', at: new Date(at(6)) })]);
    expect(t.monitoring.map((m: { visit: number; outcome: string }) => [m.visit, m.outcome])).toEqual([
      [1, 'STABLE'],
      [2, 'RETURNED_TO_STREET'],
    ]);
  });

  it('rebuilds the same rows from the ledger alone (the migration), and a second pass changes nothing', async () => {
    const written = await tables();
    await db.query(`TRUNCATE report_case, report_stage, report_task, report_escalation, report_monitoring`);
    const sql = <T,>(text: string, params?: unknown[]) => db.query<T>(text, params);
    expect(await backfillReportFacts(sql)).toBe(changes.flat().length);
    expect(await tables()).toEqual(written);
    await backfillReportFacts(sql);
    expect(await tables()).toEqual(written);
  });

  it('fills the tables when the migrations run over a ledger written before them (an upgrade)', async () => {
    const written = await tables();
    // A database as it stood before the report schema, holding this ledger: the rest of the migrations run over it.
    const upgrade = migrationSchema('repfacts_upgrade');
    const before = await upgrade.before(ReportFacts1764980000000);
    let after: DataSource | undefined;
    try {
      await before.query(`INSERT INTO case_event (${LEDGER_COLUMNS}) SELECT ${LEDGER_COLUMNS} FROM "${schemas.schema}".case_event`);
      await before.query(`INSERT INTO case_ledger_head (case_id, seq, hash) SELECT case_id, seq, hash FROM "${schemas.schema}".case_ledger_head`);
      await before.destroy();
      after = await upgrade.after();
      expect(await tables(after)).toEqual(written);
    } finally {
      await upgrade.drop(after ?? before);
    }
  });
});
