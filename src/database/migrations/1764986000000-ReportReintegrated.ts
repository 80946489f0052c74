import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillReportFacts } from '../../../activities/report-facts';

/**
 * When a case's reintegration ended in monitoring (the person went home and the visits began), kept on
 * the case's report row: `reintegration.byType` counts these by type from one range of an index, instead
 * of joining every stay of the period with the next one (516 ms for a province's month at 1M cases,
 * docs/performance.md). Filled for the rows already there from their stays.
 *
 * Then, the report schema being complete, the summary tables are backfilled from a ledger written before
 * them (activities/report-facts.ts, with today's code: a later migration that adds a column the writer
 * fills must move this backfill after it). Idempotent over rows already written.
 */
export class ReportReintegrated1764986000000 implements MigrationInterface {
  name = 'ReportReintegrated1764986000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_case ADD COLUMN reintegrated_at timestamptz`);
    await q.query(`
      UPDATE report_case c SET reintegrated_at = s.left_at
      FROM report_stage s JOIN report_stage m ON m.case_id = s.case_id AND m.stage = 'MONITORING' AND m.entered_at = s.left_at
      WHERE s.case_id = c.case_id AND s.stage = 'REINTEGRATION'`);
    await q.query(`CREATE INDEX report_case_reintegrated_idx ON report_case (reintegrated_at, region_code) INCLUDE (reintegration_type, categories) WHERE reintegrated_at IS NOT NULL`);
    await backfillReportFacts((text, params) => q.query(text, params));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_case DROP COLUMN reintegrated_at`);
  }
}
