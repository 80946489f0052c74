import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Razia (Satpol PP sweeps) recorded in one request. Operation fields, per-position case ids and
 * per-row refusals (field + code); no personal data (names live in the cases). The unique key on
 * (recorder, Idempotency-Key) makes concurrent identical submissions converge on one row.
 */
export class Razia1764910000000 implements MigrationInterface {
  name = 'Razia1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE razia (
        id uuid PRIMARY KEY,
        recorded_by_id text NOT NULL,
        recorded_by jsonb NOT NULL,
        idempotency_key text NOT NULL,
        request_fingerprint text NOT NULL,
        occurred_at timestamptz NOT NULL,
        place text NOT NULL,
        village_code varchar(10),
        region_code varchar(4) NOT NULL,
        team text NOT NULL,
        rows jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT razia_idempotency_key UNIQUE (recorded_by_id, idempotency_key),
        CONSTRAINT razia_village_in_region CHECK (village_code IS NULL OR left(village_code, 4) = region_code)
      )`);
    await q.query(`CREATE INDEX razia_region_occurred_idx ON razia (region_code, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE razia`);
  }
}
