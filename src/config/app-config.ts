import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_CASE_TASK_QUEUE } from '../../workflows/contracts/task-queues';
import { KNOWN_AGENCY_CODES } from '../agencies/agency-codes';

/** Environment of the process: production refuses unsafe defaults in later features. */
export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything Sinergi reads from the environment, validated once. See README "Configuration". */
export interface AppConfig {
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** `host`: the interface the API listens on (loopback unless deployed behind something). */
  http: { host: string; port: number; commandTimeoutMs: number; corsOrigins: string[]; trustProxy: boolean };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** Failed logins per account, then per client address, within lockoutSeconds before a lockout. */
    maxFailuresPerAccount: number;
    maxFailuresPerAddress: number;
    lockoutSeconds: number;
    demoPassword: string;
  };
  dataDir: string;
  /** Folder of regional protocol documents (`<id>.v<version>.json`). */
  protocolsDir: string;
  database: {
    /** Unset: the launcher runs an embedded PostgreSQL server on the data folder. */
    url: string | undefined;
    schema: string;
    embeddedPort: number;
    poolSize: number;
    /** Role the API and the worker act as (SET ROLE on connect); undefined: the login user's own. */
    role: string | undefined;
  };
  temporal: {
    /** Unset: the launcher starts a Temporal dev server and the processes use devPort. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    devPort: number;
    uiPort: number;
    cli: string | undefined;
    retentionDays: number;
    workflowBundlePath: string | undefined;
    connectAttempts: number;
    /** Agency codes whose queues this worker serves (the others are served by the agencies' own workers). */
    agencyQueues: string[];
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** `none` keeps the login user's own rights (a deployment whose login role is already the app role). */
const dbRole = (value: string): string | undefined => (value === 'none' ? undefined : value);

/** Every environment variable Sinergi reads (the README's configuration table lists each one). */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'LOG_LEVEL',
  'PORT',
  'HOST',
  'SINERGI_COMMAND_TIMEOUT_MS',
  'SINERGI_DATA_DIR',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DATABASE_POOL_SIZE',
  'SINERGI_DB_ROLE',
  'SINERGI_EMBEDDED_DB_PORT',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_DEV_PORT',
  'TEMPORAL_UI_PORT',
  'TEMPORAL_CLI',
  'TEMPORAL_RETENTION_DAYS',
  'TEMPORAL_WORKFLOW_BUNDLE',
  'TEMPORAL_CONNECT_ATTEMPTS',
  'SINERGI_JWT_SECRET',
  'SINERGI_ACCESS_TOKEN_TTL_SECONDS',
  'SINERGI_REFRESH_TOKEN_TTL_SECONDS',
  'SINERGI_LOGIN_MAX_FAILURES',
  'SINERGI_LOGIN_MAX_FAILURES_PER_ADDRESS',
  'SINERGI_LOGIN_LOCKOUT_SECONDS',
  'SINERGI_CORS_ORIGINS',
  'SINERGI_TRUST_PROXY',
  'SINERGI_DEMO_PASSWORD',
  'SINERGI_PROTOCOLS_DIR',
  'SINERGI_AGENCY_QUEUES',
] as const;

/** Development-only signing secret; production refuses to start with it (or without a secret). */
export const DEVELOPMENT_JWT_SECRET = 'sinergi-development-secret-do-not-use-in-production';
/** Password of the demo users seeded by `npm start` outside production (README documents it). */
export const DEFAULT_DEMO_PASSWORD = 'sinergi-demo';
type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  optional(name: ConfigVariable): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: ConfigVariable, fallback: string, pattern?: RegExp): string {
    const value = this.optional(name) ?? fallback;
    if (pattern && !pattern.test(value)) this.problems.push(`${name} must match ${pattern.source}`);
    return value;
  }

  int(name: ConfigVariable, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer in ${min}..${max}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: ConfigVariable, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return raw as T;
  }

  list(name: ConfigVariable): string[] {
    return (this.optional(name) ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  }

  bool(name: ConfigVariable, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!['true', 'false', '1', '0'].includes(raw)) this.problems.push(`${name} must be true or false`);
    return raw === 'true' || raw === '1';
  }

  postgresUrl(name: ConfigVariable): string | undefined {
    const raw = this.optional(name);
    if (raw !== undefined && !/^postgres(ql)?:\/\//.test(raw)) {
      this.problems.push(`${name} must be a postgres:// URL`);
    }
    return raw;
  }
}

/** `SINERGI_AGENCY_QUEUES`: comma-separated agency codes, `none`, or unset for every known agency. */
function agencyQueues(r: Reader): string[] {
  const listed = r.list('SINERGI_AGENCY_QUEUES');
  if (listed.length === 0) return [...KNOWN_AGENCY_CODES];
  if (listed.length === 1 && listed[0] === 'none') return [];
  const bad = listed.filter((code) => !/^[A-Z][A-Z0-9_]{1,31}$/.test(code));
  if (bad.length > 0) r.problems.push(`SINERGI_AGENCY_QUEUES must list agency codes such as DINKES,DINSOS (or "none"); got ${bad.join(', ')}`);
  return listed;
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const dataDir = r.string('SINERGI_DATA_DIR', './data');
  const bundle = r.optional('TEMPORAL_WORKFLOW_BUNDLE');
  const config: AppConfig = {
    nodeEnv: r.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development'),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    http: {
      host: r.string('HOST', '127.0.0.1', /^[A-Za-z0-9.:-]{1,253}$/),
      port: r.int('PORT', 3000, 0, 65535),
      commandTimeoutMs: r.int('SINERGI_COMMAND_TIMEOUT_MS', 10_000, 100, 120_000),
      corsOrigins: r.list('SINERGI_CORS_ORIGINS'),
      trustProxy: r.bool('SINERGI_TRUST_PROXY', false),
    },
    auth: {
      jwtSecret: r.optional('SINERGI_JWT_SECRET') ?? DEVELOPMENT_JWT_SECRET,
      accessTokenTtlSeconds: r.int('SINERGI_ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
      refreshTokenTtlSeconds: r.int('SINERGI_REFRESH_TOKEN_TTL_SECONDS', 7 * 86_400, 300, 90 * 86_400),
      maxFailuresPerAccount: r.int('SINERGI_LOGIN_MAX_FAILURES', 5, 1, 1_000),
      maxFailuresPerAddress: r.int('SINERGI_LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 100_000),
      lockoutSeconds: r.int('SINERGI_LOGIN_LOCKOUT_SECONDS', 900, 1, 86_400),
      demoPassword: r.optional('SINERGI_DEMO_PASSWORD') ?? DEFAULT_DEMO_PASSWORD,
    },
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    protocolsDir: resolve(r.optional('SINERGI_PROTOCOLS_DIR') ?? join(projectRoot(), 'protocols')),
    database: {
      url: r.postgresUrl('DATABASE_URL'),
      schema: r.string('DATABASE_SCHEMA', 'public', /^[a-z_][a-z0-9_]{0,62}$/),
      embeddedPort: r.int('SINERGI_EMBEDDED_DB_PORT', 5433, 0, 65535),
      poolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 100),
      role: dbRole(r.string('SINERGI_DB_ROLE', 'sinergi_app', /^[a-z_][a-z0-9_]{0,62}$/)),
    },
    temporal: {
      address: r.optional('TEMPORAL_ADDRESS'),
      namespace: r.string('TEMPORAL_NAMESPACE', 'default', /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/),
      taskQueue: r.string('TEMPORAL_TASK_QUEUE', DEFAULT_CASE_TASK_QUEUE, /^[A-Za-z0-9._-]{1,200}$/),
      devPort: r.int('TEMPORAL_DEV_PORT', 7233, 0, 65535),
      uiPort: r.int('TEMPORAL_UI_PORT', 8233, 0, 65535),
      cli: r.optional('TEMPORAL_CLI'),
      retentionDays: r.int('TEMPORAL_RETENTION_DAYS', 30, 2, 3650),
      workflowBundlePath: bundle === undefined ? undefined : resolve(bundle),
      connectAttempts: r.int('TEMPORAL_CONNECT_ATTEMPTS', 10, 1, 100),
      agencyQueues: agencyQueues(r),
    },
  };
  if (config.nodeEnv === 'production') {
    const secret = config.auth.jwtSecret;
    if (secret === DEVELOPMENT_JWT_SECRET || secret.length < 32) {
      r.problems.push('SINERGI_JWT_SECRET must be set to a random secret of at least 32 characters in production');
    }
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** The Temporal address the processes should use when none is configured. */
export function temporalAddress(config: AppConfig): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;
}

/** Environment handed to a child process: this one's, with overrides (the launcher uses it). */
export function childEnvironment(overrides: Env): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Directories searched for executables (PATH), for locating tools such as the Temporal CLI. */
export function executableSearchPath(): string {
  return process.env.PATH ?? '';
}

/** The repository root (where package.json lives), from source or from dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}
