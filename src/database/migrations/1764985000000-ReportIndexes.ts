import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for province-wide reports (issue 14, docs/performance.md). The summary tables' indexes lead
 * with `region_code`, which serves one kab/kota; a province asks for a range of region codes, and
 * PostgreSQL 15 then walks every entry of the province whatever the period. These lead with the time
 * and carry the region, so a month of a province reads a month of entries. The open-case index now
 * carries the caseload's columns so the figure is read from the index alone (it replaces
 * `report_case_open_idx`, same key), and the time indexes carry what their figures count, so a
 * province's month is read from the indexes without visiting the tables. The repeat figure looks up each
 * case's person and that person's other cases: three small two-column indexes make those lookups
 * index-only.
 */
export class ReportIndexes1764985000000 implements MigrationInterface {
  name = 'ReportIndexes1764985000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX report_case_opened_at_idx ON report_case (opened_at, region_code) INCLUDE (channel, sex, age, intake_village_code, intake_village_name, first_response_due_at, first_response_at, case_id, categories)`);
    await q.query(`CREATE INDEX report_case_closed_at_idx ON report_case (closed_at, region_code) INCLUDE (closure_reason) WHERE closed_at IS NOT NULL`);
    await q.query(`DROP INDEX report_case_open_idx`);
    await q.query(`CREATE INDEX report_case_open_idx ON report_case (region_code, stage) INCLUDE (responsible_agency, case_worker_id, case_worker_name, age) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX report_stage_left_at_idx ON report_stage (left_at, region_code) INCLUDE (stage, entered_at, agency_code, case_id) WHERE left_at IS NOT NULL`);
    await q.query(`CREATE INDEX report_task_ordered_at_idx ON report_task (ordered_at, region_code) INCLUDE (agency_code, accept_by, due_at, claimed_at, completed_at, closed_at, status)`);
    await q.query(`CREATE INDEX report_escalation_at_time_idx ON report_escalation (at, region_code) INCLUDE (agency_code, level)`);
    await q.query(`CREATE INDEX report_monitoring_at_time_idx ON report_monitoring (at, region_code) INCLUDE (visit, outcome)`);
    // Repeats: a case's person, the person's other cases and when they opened, each from an index alone.
    await q.query(`CREATE INDEX case_person_case_person_idx ON case_person (case_id, person_id)`);
    await q.query(`CREATE INDEX case_person_person_case_idx ON case_person (person_id, case_id)`);
    await q.query(`CREATE INDEX report_case_id_opened_idx ON report_case (case_id, opened_at) INCLUDE (reintegration_type)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX report_case_id_opened_idx, case_person_person_case_idx, case_person_case_person_idx, report_monitoring_at_time_idx, report_escalation_at_time_idx, report_task_ordered_at_idx, report_stage_left_at_idx, report_case_closed_at_idx, report_case_opened_at_idx`);
    await q.query(`DROP INDEX report_case_open_idx`);
    await q.query(`CREATE INDEX report_case_open_idx ON report_case (region_code, stage) WHERE closed_at IS NULL`);
  }
}
