import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly reports the worker's Temporal Schedule makes on the first of each month (issue 14,
 * docs/monthly-report.md): one PDF and one workbook per region with supervisors and month.
 * Unique per region and month, so a retried activity stores once. Aggregates only, no personal data.
 */
export class MonthlyReports1764990000000 implements MigrationInterface {
  name = 'MonthlyReports1764990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monthly_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code varchar(4) NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        generated_at timestamptz NOT NULL,
        pdf bytea NOT NULL,
        xlsx bytea NOT NULL,
        CONSTRAINT monthly_report_region_month_key UNIQUE (region_code, period_from),
        CONSTRAINT monthly_report_period_check CHECK (period_to >= period_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE monthly_report');
  }
}
