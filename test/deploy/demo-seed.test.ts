import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source';
import { DemoSeedRefused, seedDemoRegion } from '../../src/users/demo-seed';
import { testStackValue } from '../helpers/test-stack';

/** Demo users (documented usernames, a documented password) never reach a production database, whoever asks. */
describe('demo seeding (real PostgreSQL)', () => {
  const url = testStackValue('databaseUrl');
  // A fresh schema of its own: seeding only happens on a database without users.
  const db = { url, schema: `${testStackValue('databaseSchema')}_demoseed`, poolSize: 1 };
  let check: DataSource;

  const users = async () => (await check.query<{ n: number }[]>('SELECT count(*)::int AS n FROM app_user'))[0]?.n;
  const agencies = async () => (await check.query<{ n: number }[]>('SELECT count(*)::int AS n FROM agency'))[0]?.n;

  beforeAll(async () => {
    await runMigrations(db);
    check = await new DataSource(dataSourceOptions(db)).initialize();
  });

  afterAll(async () => {
    await check?.query(`DROP SCHEMA IF EXISTS "${db.schema}" CASCADE`);
    await check?.destroy();
  });

  it('is refused in production and writes nothing; elsewhere the same empty database is seeded', async () => {
    await expect(seedDemoRegion(db, 'sinergi-demo', 'production')).rejects.toThrow(DemoSeedRefused);
    expect([await users(), await agencies()]).toEqual([0, 0]);

    expect(await seedDemoRegion(db, 'sinergi-demo', 'development')).toContain('caseworker');
    expect(await users()).toBeGreaterThan(0);
  });
});
