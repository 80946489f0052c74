import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity and access: agencies, users, refresh tokens, agency credentials, login failures; case actor. */
export class CreateIdentity1763900000000 implements MigrationInterface {
  name = 'CreateIdentity1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        region_code varchar(4) NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_code_region_key UNIQUE (code, region_code)
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        region_code varchar(4) NOT NULL,
        agency_id uuid REFERENCES agency (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_agency_for_officers CHECK ((role = 'AGENCY_OFFICER') = (agency_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        family_id uuid NOT NULL,
        secret_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`
      CREATE TABLE agency_credential (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agency (id),
        key_id text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        label text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failure_username_idx ON login_failure (username, failed_at)`);
    await q.query(`CREATE INDEX login_failure_address_idx ON login_failure (address, failed_at)`);
    // Who opened the case (staff identity from the verified token); null for cases opened before auth.
    await q.query(`ALTER TABLE case_view ADD COLUMN opened_by jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_view DROP COLUMN opened_by`);
    await q.query(`DROP TABLE login_failure`);
    await q.query(`DROP TABLE agency_credential`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE agency`);
  }
}
