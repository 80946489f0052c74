import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projection guards: each inbox row carries the case version it was written at (a retried, older
 * projection never turns a task back), and cases whose data the read model refused are listed for a
 * person's attention (ids and codes only).
 */
export class ProjectionGuards1764700000000 implements MigrationInterface {
  name = 'ProjectionGuards1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_task ADD COLUMN version integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE case_attention (
        case_id uuid PRIMARY KEY,
        region_code text NOT NULL,
        operation text NOT NULL,
        sqlstate text,
        case_version integer NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        occurrences integer NOT NULL DEFAULT 1,
        quarantined_entries integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX case_attention_region_idx ON case_attention (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_attention`);
    await q.query(`ALTER TABLE agency_task DROP COLUMN version`);
  }
}
