import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A repeat notice is written in the transaction that decides a case's person, and delivered to the
 * case's workflow after the commit (docs/persons.md "Delivery"). A notice the API could not deliver
 * (Temporal away, the API stopped in between) stays pending until the worker's Temporal Schedule
 * delivers it. One row per case: a new decision after an undo replaces it.
 */
export class RepeatNoticeOutbox1764950000000 implements MigrationInterface {
  name = 'RepeatNoticeOutbox1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE repeat_notice (
        case_id uuid PRIMARY KEY REFERENCES case_view (id),
        person_id uuid NOT NULL REFERENCES person (id),
        request jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        outcome text CHECK (outcome IN ('DELIVERED', 'CASE_ENDED', 'REFUSED')),
        CHECK ((delivered_at IS NULL) = (outcome IS NULL))
      )`);
    await q.query(`CREATE INDEX repeat_notice_pending_idx ON repeat_notice (created_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE repeat_notice`);
  }
}
