import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-agency webhook (URL and signing secret) and a delivery record per task, visible to supervisors. */
export class AgencyWebhooks1764300000000 implements MigrationInterface {
  name = 'AgencyWebhooks1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency ADD COLUMN webhook_url text, ADD COLUMN webhook_secret text`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        case_id uuid NOT NULL,
        task_key text NOT NULL,
        agency_code text NOT NULL,
        region_code varchar(4) NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, task_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`ALTER TABLE agency DROP COLUMN webhook_url, DROP COLUMN webhook_secret`);
  }
}
