import type { DataConverter } from '@temporalio/common';
import type { WebhookTargets } from '../../activities/webhook-targets';
import { DEVELOPMENT_DATA_MASTER_KEYS, DEVELOPMENT_PAYLOAD_KEYS, EnvKeyring, keyringProblems } from '../temporal/codec/env-keyring';
import { sinergiDataConverter } from '../temporal/codec/payload-codec';
import type { Variable } from './config-schema';
import { CONFIG_SCHEMA, DEVELOPMENT_JWT_SECRET } from './config-schema';

export type { LogLevel, NodeEnv } from './config-schema';
export { DEFAULT_DEMO_PASSWORD, DEVELOPMENT_JWT_SECRET } from './config-schema';
export { projectRoot } from './project-root';

type Tree = { readonly [key: string]: Variable<unknown> | Tree };
type ConfigOf<T> = { -readonly [K in keyof T]: T[K] extends Variable<infer V> ? V : ConfigOf<T[K]> };

/** Everything Sinergi reads from the environment, validated once (see config-schema.ts). */
export type AppConfig = ConfigOf<typeof CONFIG_SCHEMA>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const isVariable = (node: Variable<unknown> | Tree): node is Variable<unknown> => typeof node.name === 'string' && 'schema' in node;

/** Every variable of the schema, in the order of the tree (the README's table follows it). */
export function configVariables(tree: Tree = CONFIG_SCHEMA): Variable<unknown>[] {
  return Object.values(tree).flatMap((node) => (isVariable(node) ? [node] : configVariables(node)));
}

/** Every environment variable Sinergi reads. */
export const CONFIG_VARIABLES: readonly string[] = configVariables().map((v) => v.name);

function parseTree(tree: Tree, env: Env, problems: string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(tree).map(([key, node]) => {
      if (!isVariable(node)) return [key, parseTree(node, env, problems)];
      const raw = env[node.name]?.trim();
      const parsed = node.schema.safeParse(raw === '' ? undefined : raw);
      if (!parsed.success) problems.push(`${node.name} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
      return [key, parsed.data];
    }),
  );
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const config = parseTree(CONFIG_SCHEMA, env, problems) as AppConfig;
  if (typeof config.temporal.payloadKeys === 'string') {
    problems.push(...keyringProblems(config.temporal.payloadKeys, config.temporal.payloadKeyActive).map((p) => `SINERGI_PAYLOAD_KEYS ${p}`));
  }
  if (typeof config.personalData.masterKeys === 'string') {
    problems.push(...keyringProblems(config.personalData.masterKeys, config.personalData.masterKeyActive).map((p) => `SINERGI_DATA_KEYS ${p}`));
  }
  if (config.nodeEnv === 'production') {
    const secret = config.auth.jwtSecret;
    if (secret === DEVELOPMENT_JWT_SECRET || secret.length < 32) {
      problems.push('SINERGI_JWT_SECRET must be set to a random secret of at least 32 characters in production');
    }
    if (config.webhookTargets === 'any') {
      problems.push('SINERGI_WEBHOOK_TARGETS must not be any in production (webhooks go to public https addresses only)');
    }
    if (config.temporal.payloadKeys === DEVELOPMENT_PAYLOAD_KEYS) {
      problems.push('SINERGI_PAYLOAD_KEYS must be set to a keyring of random keys in production (Temporal payloads are encrypted)');
    }
    if (config.personalData.masterKeys === DEVELOPMENT_DATA_MASTER_KEYS) {
      problems.push('SINERGI_DATA_KEYS must be set to a keyring of random keys in production (it wraps every person\'s data key)');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The data converter of every Temporal client and worker of this configuration: payloads encrypted under its keyring. */
export function temporalDataConverter(config: AppConfig): DataConverter {
  return sinergiDataConverter(new EnvKeyring(config.temporal.payloadKeys, config.temporal.payloadKeyActive));
}

/** The master keyring that wraps the persons' data keys (src/personal-data). */
export function dataMasterKeyring(config: AppConfig): EnvKeyring {
  return new EnvKeyring(config.personalData.masterKeys, config.personalData.masterKeyActive, 'data master keyring');
}

/** Where agency webhooks may point: `SINERGI_WEBHOOK_TARGETS`, else public https addresses in production and anything elsewhere. */
export function webhookTargets(config: AppConfig): WebhookTargets {
  return config.webhookTargets ?? (config.nodeEnv === 'production' ? 'public-https' : 'any');
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
