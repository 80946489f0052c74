import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read-model columns of the case lifecycle: protocol, PPKS categories, deadlines, escalations, closure. */
export class CaseLifecycle1764000000000 implements MigrationInterface {
  name = 'CaseLifecycle1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_view
        ADD COLUMN origin_region_code varchar(4),
        ADD COLUMN protocol_id text,
        ADD COLUMN protocol_version integer,
        ADD COLUMN ppks_categories text[] NOT NULL DEFAULT '{}',
        ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN closure jsonb,
        ADD COLUMN responsible_agency text,
        ADD COLUMN deadline_at timestamptz,
        ADD COLUMN overdue boolean NOT NULL DEFAULT false,
        ADD COLUMN escalations jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN last_action jsonb,
        ADD COLUMN stage_entered_at timestamptz`);
    await q.query(`CREATE INDEX case_view_ppks_idx ON case_view USING gin (ppks_categories)`);
    await q.query(`CREATE INDEX case_view_agency_idx ON case_view (responsible_agency, stage)`);
    await q.query(`CREATE INDEX case_view_overdue_idx ON case_view (region_code) WHERE overdue`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_view_overdue_idx`);
    await q.query(`DROP INDEX case_view_agency_idx`);
    await q.query(`DROP INDEX case_view_ppks_idx`);
    await q.query(`
      ALTER TABLE case_view
        DROP COLUMN origin_region_code, DROP COLUMN protocol_id, DROP COLUMN protocol_version, DROP COLUMN ppks_categories,
        DROP COLUMN warnings, DROP COLUMN closure, DROP COLUMN responsible_agency, DROP COLUMN deadline_at,
        DROP COLUMN overdue, DROP COLUMN escalations, DROP COLUMN last_action, DROP COLUMN stage_entered_at`);
  }
}
