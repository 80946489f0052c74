import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Summary tables for the coordination forum's figures (issue 14, docs/reports.md). Written by the same
 * transaction that appends the ledger (activities/report-facts.ts), so a figure never disagrees with the
 * ledger it comes from; reports read these tables, never the ledger itself. No personal data: sex,
 * approximate age and PPKS categories of a case, staff and agency codes, times.
 *
 * - `report_case`: one row per case, its facts as of its latest change.
 * - `report_stage`: every stay of a case in a stage (entered, left, the agency responsible).
 * - `report_task`: every agency task with its clock (ordered, claim-by, due, claimed, completed).
 * - `report_escalation`: every rung of an escalation ladder that alerted a supervisor or coordinator.
 * - `report_monitoring`: every monitoring visit's outcome after reintegration.
 *
 * Cases already in the ledger are backfilled from it by the last migration of the report schema
 * (1764986000000-ReportReintegrated): the backfill writes with today's code, which needs every column.
 */
export class ReportFacts1764980000000 implements MigrationInterface {
  name = 'ReportFacts1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_case (
        case_id uuid PRIMARY KEY,
        region_code varchar(4) NOT NULL,
        origin_region_code varchar(4),
        channel text NOT NULL,
        categories text[] NOT NULL DEFAULT '{}',
        sex text NOT NULL,
        age integer NOT NULL,
        intake_village_code text,
        intake_village_name text,
        case_worker_id text,
        case_worker_name text,
        opened_at timestamptz NOT NULL,
        first_response_due_at timestamptz,
        first_response_at timestamptz,
        stage text NOT NULL,
        responsible_agency text,
        closed_at timestamptz,
        closure_reason text,
        reintegration_type text,
        repatriated_to varchar(4),
        repatriated_at timestamptz,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX report_case_opened_idx ON report_case (region_code, opened_at)`);
    await q.query(`CREATE INDEX report_case_closed_idx ON report_case (region_code, closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`CREATE INDEX report_case_open_idx ON report_case (region_code, stage) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX report_case_repatriated_idx ON report_case (repatriated_to, repatriated_at) WHERE repatriated_at IS NOT NULL`);
    await q.query(`CREATE INDEX report_case_repatriated_from_idx ON report_case (region_code, repatriated_at) WHERE repatriated_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE report_stage (
        case_id uuid NOT NULL,
        entered_at timestamptz NOT NULL,
        stage text NOT NULL,
        region_code varchar(4) NOT NULL,
        agency_code text,
        left_at timestamptz,
        PRIMARY KEY (case_id, entered_at, stage)
      )`);
    await q.query(`CREATE INDEX report_stage_left_idx ON report_stage (region_code, left_at) INCLUDE (stage, entered_at, agency_code, case_id) WHERE left_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE report_task (
        case_id uuid NOT NULL,
        task_key text NOT NULL,
        region_code varchar(4) NOT NULL,
        case_region_code varchar(4) NOT NULL,
        agency_code text NOT NULL,
        type text NOT NULL,
        ordered_at timestamptz NOT NULL,
        accept_by timestamptz,
        due_at timestamptz,
        claimed_at timestamptz,
        completed_at timestamptz,
        closed_at timestamptz,
        status text NOT NULL DEFAULT 'OPEN',
        PRIMARY KEY (case_id, task_key)
      )`);
    await q.query(`CREATE INDEX report_task_ordered_idx ON report_task (region_code, ordered_at)`);
    await q.query(`
      CREATE TABLE report_escalation (
        case_id uuid NOT NULL,
        seq integer NOT NULL,
        region_code varchar(4) NOT NULL,
        agency_code text,
        stage text,
        task_key text,
        level integer NOT NULL,
        notify text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`CREATE INDEX report_escalation_at_idx ON report_escalation (region_code, at)`);
    await q.query(`
      CREATE TABLE report_monitoring (
        case_id uuid NOT NULL,
        seq integer NOT NULL,
        region_code varchar(4) NOT NULL,
        visit integer NOT NULL,
        outcome text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`CREATE INDEX report_monitoring_at_idx ON report_monitoring (region_code, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_monitoring, report_escalation, report_task, report_stage, report_case`);
  }
}
