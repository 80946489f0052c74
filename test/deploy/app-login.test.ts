import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureAppLogin } from '../../src/database/app-login';
import { testStackValue } from '../helpers/test-stack';

/**
 * The compose stack's API and worker connect as `sinergi_app_login`, made by the migrate step
 * (`SINERGI_APP_DB_PASSWORD`). Roles belong to the whole cluster: this test makes one of its own name.
 */
describe('the application login role (real PostgreSQL)', () => {
  const url = testStackValue('databaseUrl');
  const schema = testStackValue('databaseSchema');
  const login = `sinergi_app_login_${randomBytes(4).toString('hex')}`;
  const owner = new Client({ connectionString: url });

  /** A session as the login, acting as sinergi_app as the API does (SINERGI_DB_ROLE's default). */
  async function asLogin<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const target = new URL(url);
    target.username = login;
    target.password = 'ignored-under-trust';
    const client = new Client({ connectionString: target.toString(), options: `-c search_path=${schema} -c role=sinergi_app` });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(() => owner.connect());

  afterAll(async () => {
    await owner.query(`DROP ROLE IF EXISTS ${login}`);
    await owner.end();
  });

  it('is created once, then only has its password set; it logs in, acts as sinergi_app and owns nothing', async () => {
    const db = { url, schema, poolSize: 1 };
    expect(await ensureAppLogin(db, "first-password-with-'quote", login)).toBe('CREATED');
    expect(await ensureAppLogin(db, 'second-password', login)).toBe('UPDATED');
    const [role] = (await owner.query('SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, pg_has_role(rolname, $2, $3) AS member FROM pg_roles WHERE rolname = $1', [login, 'sinergi_app', 'MEMBER'])).rows;
    expect(role).toEqual({ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, member: true });

    await asLogin(async (c) => {
      expect((await c.query('SELECT current_user AS acting, session_user AS login')).rows[0]).toEqual({ acting: 'sinergi_app', login });
      await c.query('SELECT count(*) FROM agency'); // the operational tables are usable
      await c.query('SET ROLE NONE'); // what an injected statement could try: it falls back to the login, not to the owner
      expect((await c.query('SELECT current_user AS acting')).rows[0]).toEqual({ acting: login });
      await expect(c.query('ALTER TABLE agency ADD COLUMN backdoor text')).rejects.toThrow(/must be owner/);
      await expect(c.query('UPDATE case_event SET payload = payload')).rejects.toThrow(/permission denied|append-only/);
      await expect(c.query(`CREATE TABLE ${schema}.planted (x int)`)).rejects.toThrow(/permission denied/);
    });
  });
});
