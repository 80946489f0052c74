import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Part } from '../../scripts/load/launched-system';
import { LaunchedSystem } from '../../scripts/load/launched-system';
import { isAlive } from '../../src/launcher/processes';
import { ensureBuiltLauncher } from '../helpers/built-launcher';
import { testStackValue } from '../helpers/test-stack';

jest.setTimeout(120_000);

const PASSWORD = 'launcher-demo-pw';
const person = (name: string) => ({ channel: 'COMPLAINT', regionCode: '3514', person: { name, sex: 'P', approximateAge: 40 } });

/** Resolves with the connection's fate: 'connected' or the error code (ECONNREFUSED). */
const tryConnect = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port }, () => (socket.destroy(), resolve('connected')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

/**
 * Issue 10, item 4: `npm start` must survive the death of any of its parts. The built launcher runs on
 * its own data folder and ports; each part is killed with SIGKILL and must come back on its own.
 */
describe('npm start supervises its parts', () => {
  let dir: string;
  let bundle: string;
  let system: LaunchedSystem;
  let token: string;
  let firstCase: string;

  beforeAll(async () => {
    ensureBuiltLauncher();
    dir = mkdtempSync(join(tmpdir(), 'sinergi-launcher-'));
    chmodSync(dir, 0o755); // as root, the embedded server runs as the OS user postgres
    bundle = join(dir, 'workflow-bundle.js');
    copyFileSync(testStackValue('workflowBundle'), bundle);
    system = await LaunchedSystem.start(dir, { NODE_ENV: 'development', LOG_LEVEL: 'warn', SINERGI_DEMO_PASSWORD: PASSWORD, TEMPORAL_WORKFLOW_BUNDLE: bundle });
    token = await system.http.login('caseworker', PASSWORD);
    const opened = await system.http.call('POST', '/cases', { token, idempotencyKey: 'before-the-kills', body: person('Ibu Sebelum') });
    expect(opened.status).toBe(201);
    firstCase = String(opened.body.id);
  });

  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API on loopback only', async () => {
    expect(await tryConnect('127.0.0.1', system.port)).toBe('connected');
    const outside = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal);
    if (outside) expect(await tryConnect(outside.address, system.port)).toBe('ECONNREFUSED');
  });

  it.each<Part>(['worker', 'API', 'Temporal dev server', 'embedded database'])('restarts the %s after kill -9', async (part) => {
    const pid = system.pidOf(part) as number;
    expect(isAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await system.waitForOutput(new RegExp(`${part} exited \\(signal SIGKILL\\)`), 10_000);
    await system.waitForOutput(new RegExp(`${part} running again`), 30_000);
    await system.waitHealthy(30_000);
    const read = await system.http.call('GET', `/cases/${firstCase}`, { token });
    expect([read.status, read.body.id]).toEqual([200, firstCase]);
    // The whole path works again: HTTP → Temporal → worker → database.
    const opened = await system.http.call('POST', '/cases', { token, idempotencyKey: `after-${part.replace(/ /g, '-')}`, body: person(`Ibu ${part}`) });
    expect(opened.status).toBe(201);
    expect(system.pidOf(part)).not.toBe(pid);
  });

  it('gives up on a part that keeps dying: everything stops, exit code 1, the message names the part and its log', async () => {
    rmSync(bundle); // every restart of the worker now fails
    const parts = (['Temporal dev server', 'embedded database', 'API', 'worker'] as const).map((part) => system.pidOf(part) as number);
    process.kill(parts[3] as number, 'SIGKILL');
    expect(await system.exited).toBe(1);
    expect(system.output()).toContain(`worker keeps dying (4 restarts within a minute); giving up. Its log: ${join(dir, 'worker.log')}`);
    expect(system.output()).toContain('worker failed to start (worker exited with code 1 before it was ready)');
    expect(parts.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
