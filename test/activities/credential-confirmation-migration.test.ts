import type { DataSource } from 'typeorm';
import { hashSecret, newSecret } from '../../src/auth/secrets';
import { CredentialConfirmation1764800000000 } from '../../src/database/migrations/1764800000000-CredentialConfirmation';
import { migrationSchema } from '../helpers/migration-schema';

/**
 * The two-person rule for API keys arrives on databases that already hold keys: those stay active
 * (confirmed when they were created), and from then on a secret exists exactly when a key is confirmed.
 */
describe('migration CredentialConfirmation (real PostgreSQL)', () => {
  // Next to the run's schema, dropped afterwards: this test needs a database as it stood before the migration.
  const schemas = migrationSchema('credmig');
  let db: DataSource;


  beforeAll(async () => {
    const before = await schemas.before(CredentialConfirmation1764800000000);
    try {
      const [{ id }] = await before.query<[{ id: string }]>(`INSERT INTO agency (code, region_code, name) VALUES ('DINKES', '3514', 'Dinkes') RETURNING id`);
      await before.query(`INSERT INTO agency_credential (agency_id, key_id, secret_hash, label, created_at) VALUES ($1, 'ak-old', $2, 'SIMRS', '2025-11-01T02:00:00Z')`, [id, hashSecret(newSecret())]);
      await before.query(`INSERT INTO agency_credential (agency_id, key_id, secret_hash, label, revoked_at) VALUES ($1, 'ak-old-revoked', $2, 'old', now())`, [id, hashSecret(newSecret())]);
    } finally {
      await before.destroy();
    }
    db = await schemas.after();
  });

  afterAll(async () => {
    await schemas.drop(db);
  });

  it('keeps existing keys: confirmed when created, by nobody on record; a revoked one stays revoked', async () => {
    const rows = await db.query(`SELECT key_id, status, confirmed_by, confirmed_at = created_at AS confirmed_when_created FROM agency_credential ORDER BY key_id`);
    expect(rows).toEqual([
      { key_id: 'ak-old', status: 'ACTIVE', confirmed_by: null, confirmed_when_created: true },
      { key_id: 'ak-old-revoked', status: 'REVOKED', confirmed_by: null, confirmed_when_created: true },
    ]);
  });

  it('holds a new key pending without a secret, and refuses a secret without a confirmation (and the reverse)', async () => {
    const [{ id }] = await db.query<[{ id: string }]>(`SELECT id FROM agency LIMIT 1`);
    await db.query(`INSERT INTO agency_credential (agency_id, key_id, label) VALUES ($1, 'ak-new', 'new')`, [id]);
    expect(await db.query(`SELECT status FROM agency_credential WHERE key_id = 'ak-new'`)).toEqual([{ status: 'PENDING_CONFIRMATION' }]);
    await expect(db.query(`UPDATE agency_credential SET secret_hash = 'x' WHERE key_id = 'ak-new'`)).rejects.toThrow(/agency_credential_secret_when_confirmed/);
    await expect(db.query(`UPDATE agency_credential SET confirmed_at = now() WHERE key_id = 'ak-new'`)).rejects.toThrow(/agency_credential_secret_when_confirmed/);
    await db.query(`UPDATE agency_credential SET secret_hash = 'x', confirmed_at = now() WHERE key_id = 'ak-new'`);
    expect(await db.query(`SELECT status FROM agency_credential WHERE key_id = 'ak-new'`)).toEqual([{ status: 'ACTIVE' }]);
  });
});
