import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_CASE_TASK_QUEUE } from '../../workflows/contracts/task-queues';
import type { WebhookTargets } from '../../activities/webhook-targets';
import { WEBHOOK_TARGETS } from '../../activities/webhook-targets';
import { DEVELOPMENT_DATA_MASTER_KEYS, DEVELOPMENT_PAYLOAD_KEYS } from '../temporal/codec/env-keyring';
import { AGENCY_QUEUE_SELECTOR } from './agency-queue-selectors';
import { projectRoot } from './project-root';

/**
 * THE configuration: every environment variable Sinergi reads, with its validation, default and
 * meaning. `AppConfig` (its type), `CONFIG_VARIABLES` (the list) and the README's table
 * (`npm run docs:config`) all come from this one tree.
 */
export interface Variable<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly doc: string;
  /** The default as the README shows it, when it is not simply the parsed default. */
  readonly shown?: string;
}

const variable = <T>(name: string, schema: z.ZodType<T>, doc: string, shown?: string): Variable<T> => ({ name, schema, doc, shown });

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number({ error: `must be an integer in ${min}..${max}` }).int(`must be an integer in ${min}..${max}`).min(min, `must be an integer in ${min}..${max}`).max(max, `must be an integer in ${min}..${max}`).default(fallback);
const oneOf = <T extends string>(values: readonly [T, ...T[]], fallback: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback as never);
const bool = (fallback: boolean) =>
  z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1').default(fallback);
const text = (fallback: string, pattern?: RegExp) => (pattern ? z.string().regex(pattern, `must match ${pattern.source}`) : z.string()).default(fallback);
const optional = () => z.string().optional();
const list = () => z.string().transform((v) => v.split(',').map((item) => item.trim()).filter((item) => item !== '')).default([]);
const path = (fallback: string) => z.string().default(fallback).transform((p) => (isAbsolute(p) ? p : resolve(p)));
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnv = 'development' | 'production' | 'test';

/** Development-only signing secret; production refuses to start with it (or without a secret). */
export const DEVELOPMENT_JWT_SECRET = 'sinergi-development-secret-do-not-use-in-production';
/** Password of the demo users seeded by `npm start` outside production (README documents it). */
export const DEFAULT_DEMO_PASSWORD = 'sinergi-demo';

export const CONFIG_SCHEMA = {
  nodeEnv: variable('NODE_ENV', oneOf<NodeEnv>(['development', 'production', 'test'], 'development'), '`development`, `production` or `test`'),
  logLevel: variable('LOG_LEVEL', oneOf<LogLevel>(LOG_LEVELS, 'info'), 'pino level (`fatal` … `trace`, `silent`); logs are JSON with a request id, never personal data'),
  http: {
    host: variable('HOST', text('127.0.0.1', /^[A-Za-z0-9.:-]{1,253}$/), 'interface the API listens on: loopback unless the API is deployed behind something (docker-compose sets `0.0.0.0`)'),
    port: variable('PORT', int(3000, 0, 65535), 'HTTP port of the API'),
    commandTimeoutMs: variable('SINERGI_COMMAND_TIMEOUT_MS', int(10_000, 1_500, 120_000), 'how long the API waits for a command\'s result before answering 202 (accepted: retry with the same `Idempotency-Key` to read the result); at least 1500, above the workflow\'s 1 s bound on a local projection try, so that a slow database answers 202, not 503'),
    corsOrigins: variable('SINERGI_CORS_ORIGINS', list(), 'comma-separated browser origins allowed by CORS; empty disables CORS', '*(none)*'),
    trustProxy: variable('SINERGI_TRUST_PROXY', bool(false), 'trust `X-Forwarded-For` (set behind a reverse proxy so lockouts see real client addresses)'),
  },
  auth: {
    jwtSecret: variable('SINERGI_JWT_SECRET', text(DEVELOPMENT_JWT_SECRET), 'HS256 signing secret of access tokens; **required in production** (≥ 32 random characters, or the service refuses to start)', 'development-only value'),
    accessTokenTtlSeconds: variable('SINERGI_ACCESS_TOKEN_TTL_SECONDS', int(900, 30, 86_400), 'lifetime of access tokens'),
    refreshTokenTtlSeconds: variable('SINERGI_REFRESH_TOKEN_TTL_SECONDS', int(7 * 86_400, 300, 90 * 86_400), 'lifetime of refresh tokens (7 days; each is single-use)'),
    maxFailuresPerAccount: variable('SINERGI_LOGIN_MAX_FAILURES', int(5, 1, 1_000), 'failed logins per account within the lockout window before the account is locked'),
    maxFailuresPerAddress: variable('SINERGI_LOGIN_MAX_FAILURES_PER_ADDRESS', int(20, 1, 100_000), 'failed logins per client address within the window before the address is locked'),
    lockoutSeconds: variable('SINERGI_LOGIN_LOCKOUT_SECONDS', int(900, 1, 86_400), 'lockout window and duration'),
    demoPassword: variable('SINERGI_DEMO_PASSWORD', text(DEFAULT_DEMO_PASSWORD), 'password of the demo users seeded outside production'),
  },
  webhookTargets: variable(
    'SINERGI_WEBHOOK_TARGETS',
    z.enum(WEBHOOK_TARGETS, { error: `must be one of ${WEBHOOK_TARGETS.join(', ')}` }).optional() as z.ZodType<WebhookTargets | undefined>,
    'where agency webhooks may point: `public-https` (https to public addresses only, checked when set and at each delivery) or `any` (local receivers, for tests and demos); production refuses `any`',
    '`public-https` in production, else `any`',
  ),
  personalData: {
    masterKeys: variable(
      'SINERGI_DATA_KEYS',
      text(DEVELOPMENT_DATA_MASTER_KEYS),
      'master keyring that wraps each person\'s data key (AES-256-GCM, docs/personal-data.md): `id:base64key` entries (32-byte keys), comma-separated; **required in production**. Keep old keys listed while data keys wrapped by them exist',
      'development-only key `dev-m1`',
    ),
    masterKeyActive: variable('SINERGI_DATA_KEY_ACTIVE', optional(), 'id of the master key that wraps new data keys (rotation); unset → the first key of `SINERGI_DATA_KEYS`', '*(first key)*'),
    erasureMinRetentionDays: variable(
      'SINERGI_ERASURE_MIN_RETENTION_DAYS',
      int(0, 0, 36500),
      'days a closed case\'s person data must be kept before it may be erased (a statutory minimum, for every legal basis; docs/personal-data.md). 0: none (an assumption until the regulation is settled)',
    ),
    retentionSweepSeconds: variable(
      'SINERGI_RETENTION_SWEEP_SECONDS',
      int(86_400, 0, 7 * 86_400),
      'interval of the Temporal Schedule that erases personal data whose retention period is over (each protocol\'s `personalDataRetention`, default five years; docs/personal-data.md "Retention"); 0: the worker creates no schedule',
    ),
  },
  dataDir: variable('SINERGI_DATA_DIR', path('./data'), 'data folder of `npm start`: Temporal\'s SQLite file, the embedded database, logs', '`./data`'),
  webDir: variable('SINERGI_WEB_DIR', path(join(projectRoot(), 'web', 'dist')), 'built web app the API serves at `/` (`npm run build` makes it); missing → the API serves no web app', '`./web/dist`'),
  protocolsDir: variable('SINERGI_PROTOCOLS_DIR', path(join(projectRoot(), 'protocols')), 'folder of regional protocol documents (`<id>.v<version>.json`), validated when the API starts', '`./protocols`'),
  database: {
    url: variable('DATABASE_URL', z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(), 'PostgreSQL to use; unset → `npm start` runs an embedded PostgreSQL server on the data folder', '*(unset)*'),
    schema: variable('DATABASE_SCHEMA', text('public', IDENTIFIER), 'PostgreSQL schema for Sinergi\'s tables (tests use a throwaway one)'),
    embeddedPort: variable('SINERGI_EMBEDDED_DB_PORT', int(5433, 0, 65535), 'loopback port of the embedded PostgreSQL server of `npm start` (its superuser password is kept in `data/postgres.password`)'),
    poolSize: variable('DATABASE_POOL_SIZE', int(10, 1, 100), 'connections per process; also caps concurrent activities in the worker'),
    role: variable(
      'SINERGI_DB_ROLE',
      text('sinergi_app', IDENTIFIER).transform((r): string | undefined => (r === 'none' ? undefined : r)),
      'role the API and the worker act as after connecting (`SET ROLE`); created by the migrations, it may not `UPDATE` or `DELETE` the audit ledger or the access log. `none`: the login user\'s own rights (when that login is already a restricted role)',
      '`sinergi_app`',
    ),
    appLoginPassword: variable(
      'SINERGI_APP_DB_PASSWORD',
      optional(),
      'migrate step only: password of the login role `sinergi_app_login` (a member of `sinergi_app`, owning nothing) that it creates or updates for the API and the worker to connect as (docker-compose gives them a `DATABASE_URL` with it); unset → no login role is made',
      '*(unset)*',
    ),
  },
  temporal: {
    address: variable('TEMPORAL_ADDRESS', optional(), 'Temporal frontend `host:port`; unset → `npm start` runs a dev server', '*(unset)*'),
    namespace: variable('TEMPORAL_NAMESPACE', text('default', /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/), 'Temporal namespace'),
    taskQueue: variable('TEMPORAL_TASK_QUEUE', text(DEFAULT_CASE_TASK_QUEUE, /^[A-Za-z0-9._-]{1,200}$/), 'task queue of the case workflows'),
    devPort: variable('TEMPORAL_DEV_PORT', int(7233, 0, 65535), 'port of the dev server started by `npm start`'),
    uiPort: variable('TEMPORAL_UI_PORT', int(8233, 0, 65535), 'port of the dev server\'s UI'),
    cli: variable('TEMPORAL_CLI', optional(), 'path to a `temporal` CLI to use instead of PATH or the project-local install', '*(unset)*'),
    retentionDays: variable('TEMPORAL_RETENTION_DAYS', int(30, 2, 3650), 'how long Temporal keeps closed workflow histories (dev server default is 1 day)'),
    workflowBundlePath: variable('TEMPORAL_WORKFLOW_BUNDLE', z.string().optional().transform((p) => (p === undefined ? undefined : resolve(p))), 'prebuilt workflow bundle for the worker (`npm start` and the Docker image set it)', '*(unset)*'),
    maxCachedWorkflows: variable('TEMPORAL_MAX_CACHED_WORKFLOWS', int(0, 0, 1_000_000), 'case workflow runs the worker keeps in memory (0.3–1.25 MiB each, by the commands each has validated; docs/performance.md); a run not cached is replayed from its history when it next has work; 0: the SDK\'s default, sized from the heap limit'),
    connectAttempts: variable('TEMPORAL_CONNECT_ATTEMPTS', int(10, 1, 100), 'worker start-up attempts to reach Temporal (capped exponential backoff) before exiting non-zero'),
    agencyQueues: variable(
      'SINERGI_AGENCY_QUEUES',
      z
        .string()
        .default('all')
        .transform((v) => v.split(',').map((item) => item.trim()).filter((item) => item !== ''))
        .pipe(z.array(z.string().regex(AGENCY_QUEUE_SELECTOR, 'must list selectors such as all, DINKES, 3514-DINKES, -3514-DINKES or none'))),
      'which agency queues (`agency-<region>-<code>`, one per agency of the directory) Sinergi\'s worker serves: `all`, `none`, or a comma-separated list of `CODE` (every region) and `REGION-CODE`, each excludable with a leading `-`, later entries winning (e.g. `all,-3514-DINKES` when Dinkes Pasuruan runs its own system)',
    ),
    payloadKeys: variable(
      'SINERGI_PAYLOAD_KEYS',
      text(DEVELOPMENT_PAYLOAD_KEYS),
      'keyring of the Temporal payload codec (AES-256-GCM, docs/security.md): `id:base64key` entries (32-byte keys), comma-separated; **required in production**. Keep old keys listed while histories under them are kept',
      'development-only key `dev-1`',
    ),
    payloadKeyActive: variable('SINERGI_PAYLOAD_KEY_ACTIVE', optional(), 'id of the key that encrypts new payloads (rotation); unset → the first key of `SINERGI_PAYLOAD_KEYS`', '*(first key)*'),
    agencyRefreshSeconds: variable('SINERGI_AGENCY_REFRESH_SECONDS', int(30, 1, 3600), 'how often the worker looks for agencies added to the directory and starts serving their queues'),
    monthlyReports: variable(
      'SINERGI_MONTHLY_REPORTS',
      bool(true),
      'the worker keeps the Temporal Schedule that makes the coordination forum\'s monthly report (PDF and XLSX) for every region with supervisors on the first of each month, 01:00 Asia/Jakarta, and announces it in their notifications (docs/monthly-report.md); `false`: no schedule',
    ),
    repeatSweepSeconds: variable('SINERGI_REPEAT_SWEEP_SECONDS', int(60, 0, 3600), 'interval of the Temporal Schedule that delivers repeat notices the API left pending (docs/persons.md); 0: the worker creates no schedule'),
  },
} as const;
