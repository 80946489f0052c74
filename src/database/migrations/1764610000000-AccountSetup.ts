import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts start without a password. An admin creates the account; for roles with access to case
 * files a supervisor confirms it and receives a one-time setup code (admin accounts get theirs at
 * once); the person sets the password with the code. Only the code's SHA-256 is stored. `status` is
 * derived by PostgreSQL from those facts, so it has one home. Failed setup-code attempts are counted
 * per client address in `login_failure`, without a username.
 */
export class AccountSetup1764610000000 implements MigrationInterface {
  name = 'AccountSetup1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE app_user ADD COLUMN setup_code_hash char(64) UNIQUE`);
    await q.query(`ALTER TABLE app_user ADD COLUMN setup_code_expires_at timestamptz`);
    await q.query(`
      ALTER TABLE app_user ADD COLUMN status text GENERATED ALWAYS AS (
        CASE
          WHEN NOT active THEN 'DEACTIVATED'
          WHEN password_hash IS NOT NULL THEN 'ACTIVE'
          WHEN setup_code_hash IS NOT NULL THEN 'PENDING_SETUP'
          ELSE 'PENDING_CONFIRMATION'
        END) STORED`);
    await q.query(`ALTER TABLE login_failure ALTER COLUMN username DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM login_failure WHERE username IS NULL`);
    await q.query(`ALTER TABLE login_failure ALTER COLUMN username SET NOT NULL`);
    await q.query(`ALTER TABLE app_user DROP COLUMN status, DROP COLUMN setup_code_expires_at, DROP COLUMN setup_code_hash`);
    // Fails while accounts without a password exist: they would need one before the old schema fits.
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
  }
}
