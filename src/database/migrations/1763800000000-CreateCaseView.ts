import type { MigrationInterface, QueryRunner } from 'typeorm';

/** First schema: the case read model and the idempotency-key claims. Never edit once landed. */
export class CreateCaseView1763800000000 implements MigrationInterface {
  name = 'CreateCaseView1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_view (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        stage text NOT NULL,
        channel text NOT NULL,
        region_code varchar(4) NOT NULL,
        person jsonb NOT NULL,
        version integer NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX case_view_region_stage_idx ON case_view (region_code, stage)`);
    await q.query(`CREATE INDEX case_view_opened_idx ON case_view (opened_at, id)`);
    await q.query(`
      CREATE TABLE idempotency_key (
        key text PRIMARY KEY,
        request_fingerprint text NOT NULL,
        case_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE case_view`);
  }
}
