import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agency inboxes: one row per dispatched task, unique per (case, task key) so dispatch is exactly-once. */
export class AgencyTasks1764100000000 implements MigrationInterface {
  name = 'AgencyTasks1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        task_key text NOT NULL,
        type text NOT NULL,
        agency_code text NOT NULL,
        region_code varchar(4) NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        dispatched_at timestamptz NOT NULL,
        due_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_task_case_key UNIQUE (case_id, task_key)
      )`);
    await q.query(`CREATE INDEX agency_task_inbox_idx ON agency_task (agency_code, region_code, status, dispatched_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agency_task`);
  }
}
