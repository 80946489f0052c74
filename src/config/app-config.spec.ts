import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, configVariables, loadConfig, projectRoot, temporalAddress, webhookTargets } from './app-config';
import { withConfigTable } from './config-table';

describe('loadConfig', () => {
  it('has working defaults for a newcomer (embedded database, local dev server)', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(temporalAddress(config)).toBe('127.0.0.1:7233');
    expect(config.http.port).toBe(3000);
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.temporal.retentionDays).toBeGreaterThan(1);
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('takes explicit settings', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', TEMPORAL_ADDRESS: 'temporal:7233', PORT: '8080', HOST: '0.0.0.0' });
    expect(config.database.url).toBe('postgres://u@h:5432/db');
    expect(config.http.host).toBe('0.0.0.0');
    expect(temporalAddress(config)).toBe('temporal:7233');
    expect(config.http.port).toBe(8080);
  });

  it('lists every problem at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', DATABASE_SCHEMA: 'Bad-Schema' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });
});

describe('secrets', () => {
  it('refuses to start in production with the default or a short JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SINERGI_JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SINERGI_JWT_SECRET: 'short' })).toThrow(/SINERGI_JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', SINERGI_JWT_SECRET: 'x'.repeat(48), SINERGI_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`, SINERGI_DATA_KEYS: `m1:${Buffer.alloc(32, 8).toString('base64')}` }).auth.jwtSecret).toHaveLength(48);
  });

  it('refuses to start in production without a payload keyring, or with a malformed one anywhere', () => {
    const secret = { SINERGI_JWT_SECRET: 'x'.repeat(48) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret })).toThrow(/SINERGI_PAYLOAD_KEYS must be set/);
    expect(() => loadConfig({ SINERGI_PAYLOAD_KEYS: 'k1:short' })).toThrow(/key k1 must be 32 bytes/);
    expect(() => loadConfig({ SINERGI_PAYLOAD_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`, SINERGI_PAYLOAD_KEY_ACTIVE: 'k2' })).toThrow(/active key k2 is not in the keyring/);
    expect(loadConfig({}).temporal.payloadKeys).toMatch(/^dev-1:/);
  });

  it('refuses to start in production without a master keyring of the personal-data keys, or with a malformed one anywhere', () => {
    const rest = { SINERGI_JWT_SECRET: 'x'.repeat(48), SINERGI_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };
    expect(() => loadConfig({ NODE_ENV: 'production', ...rest })).toThrow(/SINERGI_DATA_KEYS must be set/);
    expect(() => loadConfig({ SINERGI_DATA_KEYS: 'm1:short' })).toThrow(/SINERGI_DATA_KEYS key m1 must be 32 bytes/);
    expect(() => loadConfig({ SINERGI_DATA_KEYS: `m1:${Buffer.alloc(32).toString('base64')}`, SINERGI_DATA_KEY_ACTIVE: 'm2' })).toThrow(/active key m2 is not in the keyring/);
    expect(loadConfig({}).personalData.masterKeys).toMatch(/^dev-m1:/);
  });

  it('uses the development secret outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).auth.jwtSecret).toMatch(/development/);
  });
});

describe('webhook targets', () => {
  const production = { NODE_ENV: 'production', SINERGI_JWT_SECRET: 'x'.repeat(48), SINERGI_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`, SINERGI_DATA_KEYS: `m1:${Buffer.alloc(32, 8).toString('base64')}` };

  it('are public https addresses in production, and anything elsewhere unless set', () => {
    expect(webhookTargets(loadConfig(production))).toBe('public-https');
    expect(webhookTargets(loadConfig({ NODE_ENV: 'development' }))).toBe('any');
    expect(webhookTargets(loadConfig({ NODE_ENV: 'test' }))).toBe('any');
    expect(webhookTargets(loadConfig({ NODE_ENV: 'test', SINERGI_WEBHOOK_TARGETS: 'public-https' }))).toBe('public-https');
  });

  it('cannot be opened to any address in production, nor set to an unknown value', () => {
    expect(() => loadConfig({ ...production, SINERGI_WEBHOOK_TARGETS: 'any' })).toThrow(/SINERGI_WEBHOOK_TARGETS must not be any in production/);
    expect(() => loadConfig({ SINERGI_WEBHOOK_TARGETS: 'intranet' })).toThrow(/SINERGI_WEBHOOK_TARGETS must be one of public-https, any/);
  });
});

describe('one schema for type, variable list and README', () => {
  it('lists every variable once, each with a meaning', () => {
    const names = configVariables().map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CONFIG_VARIABLES).toEqual(names);
    expect(configVariables().filter((v) => v.doc.trim() === '')).toEqual([]);
  });

  it("keeps the README's table equal to the one generated from the schema (npm run docs:config)", () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toBe(withConfigTable(readme));
  });
});
