import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from './1764500000000-AuditLedger';

/**
 * The security log (`security_event`): user, agency and credential management, and requests refused
 * by region scope. Append-only like the audit ledger: the same trigger refuses UPDATE, DELETE and
 * TRUNCATE for every role, and `sinergi_app` may only SELECT and INSERT.
 */
export class SecurityLog1764600000000 implements MigrationInterface {
  name = 'SecurityLog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE security_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id text,
        actor_name text,
        actor_role text,
        actor_region text,
        actor_agency text,
        action text NOT NULL CHECK (action ~ '^[A-Z][A-Z_]{1,47}$'),
        outcome text NOT NULL CHECK (outcome IN ('DONE', 'REFUSED')),
        target_kind text CHECK (target_kind IN ('case', 'task', 'user', 'agency', 'credential')),
        target_id text,
        target_region text,
        request_id text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX security_event_occurred_idx ON security_event (occurred_at)`);
    await q.query(`CREATE INDEX security_event_actor_idx ON security_event (actor_id, occurred_at)`);
    await q.query(`CREATE INDEX security_event_target_idx ON security_event (target_id, occurred_at)`);
    await q.query(`CREATE TRIGGER security_event_no_rewrite BEFORE UPDATE OR DELETE ON security_event FOR EACH ROW EXECUTE FUNCTION sinergi_append_only()`);
    await q.query(`CREATE TRIGGER security_event_no_truncate BEFORE TRUNCATE ON security_event FOR EACH STATEMENT EXECUTE FUNCTION sinergi_append_only()`);
    // The ledger migration's default privileges already cover new tables; stated here so this table's rights read in one place.
    await q.query(`GRANT SELECT, INSERT ON security_event TO ${APP_DB_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON security_event FROM ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_event`);
  }
}
