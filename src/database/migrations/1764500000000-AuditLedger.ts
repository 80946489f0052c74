import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the API and the worker act as (`SINERGI_DB_ROLE`); it may append to the ledger, never rewrite it. */
export const APP_DB_ROLE = 'sinergi_app';
const APPEND_ONLY = ['case_event', 'personal_data_access'];

/**
 * The audit ledger (hash-chained case events with a head row per case), the personal-data access log,
 * and the application role: full use of the operational tables, INSERT and SELECT only on the two
 * append-only ones. A trigger refuses UPDATE, DELETE and TRUNCATE there for every role, owner included
 * (a superuser can still switch triggers off: that is what the hash chain is for).
 */
export class AuditLedger1764500000000 implements MigrationInterface {
  name = 'AuditLedger1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_event (
        case_id uuid NOT NULL,
        seq integer NOT NULL,
        source_key text NOT NULL,
        action text NOT NULL,
        outcome text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        actor_agency text,
        agency_code text,
        task_key text,
        reason text,
        summary text NOT NULL,
        payload jsonb,
        snapshot jsonb,
        region_code text NOT NULL,
        protocol_id text,
        protocol_version integer,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        workflow_id text,
        run_id text,
        event_id integer,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        PRIMARY KEY (case_id, seq),
        UNIQUE (case_id, source_key)
      )`);
    await q.query(`CREATE INDEX case_event_occurred_idx ON case_event (occurred_at)`);
    await q.query(`CREATE INDEX case_event_actor_idx ON case_event (actor_id, occurred_at)`);
    await q.query(`CREATE INDEX case_event_action_idx ON case_event (action, occurred_at)`);
    await q.query(`CREATE INDEX case_event_agency_idx ON case_event (agency_code, occurred_at)`);
    await q.query(`CREATE INDEX case_event_region_idx ON case_event (region_code, occurred_at)`);
    await q.query(`
      CREATE TABLE case_ledger_head (
        case_id uuid PRIMARY KEY,
        seq integer NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE personal_data_access (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        route text NOT NULL,
        request_id text,
        accessed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX personal_data_access_case_idx ON personal_data_access (case_id, accessed_at)`);
    await q.query(`CREATE INDEX personal_data_access_actor_idx ON personal_data_access (actor_id, accessed_at)`);
    await q.query(`
      CREATE FUNCTION sinergi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`CREATE TRIGGER ${table}_no_rewrite BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION sinergi_append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION sinergi_append_only()`);
    }
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
          CREATE ROLE ${APP_DB_ROLE} NOLOGIN;
        END IF;
        IF NOT pg_has_role(current_user, '${APP_DB_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP_DB_ROLE} TO %I', current_user);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${APP_DB_ROLE}', current_schema());
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${APP_DB_ROLE}', current_schema());
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ${APP_DB_ROLE}', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_DB_ROLE}', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ${APP_DB_ROLE}', current_schema());
      END $$`);
    await q.query(`REVOKE ALL ON sinergi_migrations FROM ${APP_DB_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(', ')} FROM ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_data_access, case_ledger_head, case_event`);
    await q.query(`DROP FUNCTION sinergi_append_only()`);
  }
}
