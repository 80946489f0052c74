import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Task work in the inbox: who holds the task, its outcome or rejection reason, when it closed. */
export class AgencyTaskWork1764200000000 implements MigrationInterface {
  name = 'AgencyTaskWork1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agency_task
        ADD COLUMN assignee_id text,
        ADD COLUMN assignee_name text,
        ADD COLUMN outcome jsonb,
        ADD COLUMN reason text,
        ADD COLUMN closed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_task DROP COLUMN assignee_id, DROP COLUMN assignee_name, DROP COLUMN outcome, DROP COLUMN reason, DROP COLUMN closed_at`);
  }
}
