import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/config/project-root';
import { testStackValue } from '../helpers/test-stack';

/** The Dockerfile's instructions of one stage, in order (continuation lines joined). */
function stage(dockerfile: string, name: string): { op: string; args: string }[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const start = lines.findIndex((l) => new RegExp(`^FROM .* AS ${name}$`, 'i').test(l));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('FROM '));
  return lines.slice(start + 1, end < 0 ? undefined : end).map((l) => ({ op: l.split(' ')[0] as string, args: l.slice(l.indexOf(' ') + 1) }));
}

/**
 * No Docker engine here: the build stage of the Dockerfile is run as written, instruction by
 * instruction, in a clean folder holding only what its COPY lines bring in — `npm ci` from the lock
 * (it fails on a lock that lacks other platforms' packages), the build, the pruning — and the pruned
 * result then runs a real command (the migration) with production settings.
 */
describe('the Dockerfile build stage, without Docker', () => {
  const root = projectRoot();
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  let app: string;

  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'sinergi-image-'));
  });

  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('builds and prunes from a clean folder with exactly what the Dockerfile copies', () => {
    const steps = stage(dockerfile, 'build');
    expect(steps.map((s) => s.op)).toEqual(expect.arrayContaining(['WORKDIR', 'COPY', 'RUN']));
    for (const { op, args } of steps) {
      if (op === 'COPY') {
        const parts = args.split(/\s+/);
        const dest = join(app, parts.pop() as string);
        for (const source of parts) cpSync(join(root, source), parts.length > 1 || dest.endsWith('/') ? join(dest, source) : dest, { recursive: true });
      }
      if (op === 'RUN') execFileSync('sh', ['-c', args], { cwd: app, stdio: 'pipe', env: { ...process.env, NODE_ENV: '' }, timeout: 600_000 });
    }
    for (const built of ['dist/src/main.api.js', 'dist/src/main.worker.js', 'dist/src/main.migrate.js', 'dist/workflow-bundle.js']) expect([built, existsSync(join(app, built))]).toEqual([built, true]);
    // Pruned: what the runtime stage copies holds no development dependency.
    for (const dev of ['jest', 'typescript', '@nestjs/cli']) expect([dev, existsSync(join(app, 'node_modules', dev))]).toEqual([dev, false]);
  }, 900_000);

  it('copies into the runtime stage only what the build produced, and the pruned build migrates a database', async () => {
    const copies = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+)/gm)].map((m) => m[1] as string);
    expect(copies.length).toBeGreaterThan(0);
    for (const copied of copies) expect([copied, existsSync(join(app, copied))]).toEqual([copied, true]);
    const url = testStackValue('databaseUrl');
    const schema = `image_${Date.now().toString(36)}`;
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SINERGI_JWT_SECRET: 'x'.repeat(48), SINERGI_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, SINERGI_DATA_KEYS: `m1:${Buffer.alloc(32, 2).toString('base64')}`, DATABASE_URL: url, DATABASE_SCHEMA: schema };
    try {
      const out = execFileSync('node', ['dist/src/main.migrate.js'], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });
      expect(out).toMatch(/migrations applied: CreateCaseView/);
    } finally {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }, 180_000);
});
