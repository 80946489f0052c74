import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config/app-config';
import { APP_DB_LOGIN } from '../../src/database/app-login';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const dependsOn = (name: string) => Object.fromEntries(Object.entries(services[name]?.depends_on ?? {}).map(([k, v]) => [k, v.condition]));

describe('docker-compose.yml (parsed; no Docker engine here)', () => {
  it('has the whole production stack', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgresql', 'temporal', 'temporal-schema', 'temporal-ui', 'worker']);
  });

  it('runs Temporal from official images, persisted in PostgreSQL after its schema job', () => {
    expect(services.temporal?.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(dependsOn('temporal-schema')).toEqual({ postgresql: 'service_healthy' });
    expect(dependsOn('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(dependsOn('temporal-ui')).toEqual({ temporal: 'service_healthy' });
    const mounted = (services.temporal as { volumes?: string[] }).volumes?.[0]?.split(':')[0] ?? '';
    expect(existsSync(join(root, mounted))).toBe(true);
  });

  it('migrates once, then starts the API and the worker from the repo Dockerfile', () => {
    expect(dependsOn('migrate')).toEqual({ postgresql: 'service_healthy', temporal: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect(services[name]?.build).toBe('.');
      expect(dependsOn(name)).toEqual({ migrate: 'service_completed_successfully' });
    }
    expect(services.migrate?.command).toEqual(['node', 'dist/src/main.migrate.js']);
    expect(services.api?.command).toEqual(['node', 'dist/src/main.api.js']);
    expect(services.worker?.command).toEqual(['node', 'dist/src/main.worker.js']);
    expect(services.api?.ports).toContain('3000:3000');
    expect(services.api?.environment?.HOST).toBe('0.0.0.0'); // the default, loopback, is unreachable from outside the container
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    for (const entry of ['dist/src/main.api.js', 'dist/src/main.worker.js', 'dist/src/main.migrate.js']) {
      expect(existsSync(join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it('configures Sinergi only with variables it actually reads, pointing at the compose services', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = services[name]?.environment ?? {};
      expect(Object.keys(env).filter((key) => !CONFIG_VARIABLES.includes(key))).toEqual([]);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.DATABASE_URL).toMatch(/@postgresql:5432\//);
    }
  });

  it('publishes the Temporal UI on loopback only (it has no login of its own), and nothing else but the API', () => {
    expect(services['temporal-ui']?.ports).toEqual(['127.0.0.1:8080:8080']);
    const published = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0).map(([name]) => name);
    expect(published.sort()).toEqual(['api', 'temporal-ui']);
  });

  it('connects the API and the worker as the non-owner login that migrate, connected as the owner, makes', () => {
    const login = (name: string) => /^postgres:\/\/([^:@]+):(.+)@postgresql:5432\/sinergi$/.exec(services[name]?.environment?.DATABASE_URL ?? '')?.slice(1);
    const [owner, ownerPassword] = login('migrate') ?? [];
    expect(owner).toBe(services.postgresql?.environment?.POSTGRES_USER);
    expect(ownerPassword).toBe(services.postgresql?.environment?.POSTGRES_PASSWORD);
    for (const name of ['api', 'worker']) {
      const [user, password] = login(name) ?? [];
      expect(user).toBe(APP_DB_LOGIN);
      expect(user).not.toBe(owner);
      expect(password).toBe(services.migrate?.environment?.SINERGI_APP_DB_PASSWORD); // the password migrate sets
      expect(services[name]?.environment?.SINERGI_APP_DB_PASSWORD).toBeUndefined();
      expect(services[name]?.environment?.SINERGI_DB_ROLE).toBeUndefined(); // acting as sinergi_app (the default)
    }
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('documents every configuration variable', () => {
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('gives the two commands a newcomer copies', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
