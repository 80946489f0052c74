import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-person rule for agency API keys: an admin issues a key without a secret; a supervisor of the
 * agency's region confirms it (`confirmed_by`, `confirmed_at`) and alone receives the secret, whose
 * SHA-256 is stored then. A secret exists exactly when the key is confirmed (a CHECK says so), and
 * `status` is derived by PostgreSQL from those facts, so it has one home. Keys issued before this
 * rule stay active: they count as confirmed when they were created, by nobody on record.
 */
export class CredentialConfirmation1764800000000 implements MigrationInterface {
  name = 'CredentialConfirmation1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_credential ALTER COLUMN secret_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE agency_credential ADD COLUMN confirmed_by uuid, ADD COLUMN confirmed_at timestamptz`);
    await q.query(`UPDATE agency_credential SET confirmed_at = created_at`);
    await q.query(`ALTER TABLE agency_credential ADD CONSTRAINT agency_credential_secret_when_confirmed CHECK ((secret_hash IS NULL) = (confirmed_at IS NULL))`);
    await q.query(`
      ALTER TABLE agency_credential ADD COLUMN status text GENERATED ALWAYS AS (
        CASE
          WHEN revoked_at IS NOT NULL THEN 'REVOKED'
          WHEN confirmed_at IS NOT NULL THEN 'ACTIVE'
          ELSE 'PENDING_CONFIRMATION'
        END) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_credential DROP COLUMN status`);
    await q.query(`ALTER TABLE agency_credential DROP CONSTRAINT agency_credential_secret_when_confirmed`);
    await q.query(`ALTER TABLE agency_credential DROP COLUMN confirmed_at, DROP COLUMN confirmed_by`);
    // Fails while unconfirmed keys exist: the old schema has no place for a key without a secret.
    await q.query(`ALTER TABLE agency_credential ALTER COLUMN secret_hash SET NOT NULL`);
  }
}
