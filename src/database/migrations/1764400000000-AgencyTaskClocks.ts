import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Task clocks in the inbox: when a task must be claimed, and whether its ladder has fired. */
export class AgencyTaskClocks1764400000000 implements MigrationInterface {
  name = 'AgencyTaskClocks1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_task ADD COLUMN accept_by timestamptz, ADD COLUMN overdue boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_task DROP COLUMN accept_by, DROP COLUMN overdue`);
  }
}
