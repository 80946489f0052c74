import { DataSource } from 'typeorm';
import { APP_DB_ROLE } from './migrations/1764500000000-AuditLedger';
import type { DatabaseSettings } from './data-source';
import { dataSourceOptions } from './data-source';

/** The login the API and the worker connect as in the compose stack: a member of `sinergi_app`, owning nothing. */
export const APP_DB_LOGIN = 'sinergi_app_login';

/**
 * Creates the application's login role, or sets its password when it exists (so a changed
 * `SINERGI_APP_DB_PASSWORD` takes effect on the next deploy). Run by the migrate step as the owner,
 * after the migrations made `sinergi_app`. Connected as this login, a `RESET ROLE` leaves the
 * session with `sinergi_app`'s rights and no more: it cannot alter tables nor rewrite the ledger, as
 * the owner could. Not a migration: roles belong to the cluster, and a password is configuration.
 */
export async function ensureAppLogin(db: DatabaseSettings, password: string, login: string = APP_DB_LOGIN): Promise<'CREATED' | 'UPDATED'> {
  const dataSource = await new DataSource(dataSourceOptions({ ...db, role: undefined, poolSize: 1 })).initialize();
  try {
    return await dataSource.transaction(async (m) => {
      const [existing] = await m.query<unknown[]>('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
      // Utility statements take no parameters: format() quotes the name and the password.
      const [{ sql }] = await m.query<[{ sql: string }]>(
        existing === undefined
          ? `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE %I PASSWORD %L', $1::text, $2::text, $3::text) AS sql`
          : `SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', $1::text, $3::text) || format('; GRANT %I TO %I', $2::text, $1::text) AS sql`,
        [login, APP_DB_ROLE, password],
      );
      await m.query(sql);
      return existing === undefined ? 'CREATED' : 'UPDATED';
    });
  } finally {
    await dataSource.destroy();
  }
}
