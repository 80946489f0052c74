import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { LaunchedSystem } from '../../scripts/load/launched-system';
import { embeddedDatabaseUrl } from '../../src/launcher/embedded-database';
import { ensureBuiltLauncher } from '../helpers/built-launcher';
import { testStackValue } from '../helpers/test-stack';

jest.setTimeout(180_000);

const run = promisify(execFile);
const PASSWORD = 'at-rest-demo-pw';

/** One child's distinctive data: a name, a NIK (Kab. Pasuruan, born 01-05-2012, female), a diagnosis, a guardian. */
const NAME = 'Kusumawardhani Prameswari Anindya';
const NIK = '3514014105120007';
const DIAGNOSIS = 'tuberkulosis-paru-aktif';
const GUARDIAN = 'Soedarsono Wiryodiningrat';
const SECRETS = [NAME, NIK, DIAGNOSIS, GUARDIAN];
/** The registry: the one guarded place where the person is in clear (docs/personal-data.md). */
const REGISTRY_TABLES = ['person', 'case_subject'];

const found = (text: string) => SECRETS.filter((s) => text.includes(s));

/**
 * Issue 13, first "Done when": what `npm start` runs (the built launcher: Temporal dev server on its
 * SQLite file, embedded PostgreSQL, API and worker with their logs) takes a child's case through health
 * check, assessment and shelter. Her name, NIK, diagnosis and guardian then appear nowhere but in the
 * registry: not in Temporal's SQLite file, not in `temporal workflow show`, not in any other PostgreSQL
 * table, not in the auditor's exports, not in any log. The auditor's export with `personal=true` and
 * the registry tables do hold them (so the searches can fail).
 */
describe('personal data at rest under `npm start`', () => {
  let dir: string;
  let system: LaunchedSystem;
  let caseId: string;
  const tokens = { cw: '', auditor: '', supervisor: '', dinkes: '' };

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await system.http.call(method, path, { token, ...(body !== undefined ? { body } : {}) });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const download = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${system.port}${path}`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    ensureBuiltLauncher();
    dir = mkdtempSync(join(tmpdir(), 'sinergi-at-rest-'));
    chmodSync(dir, 0o755); // as root, the embedded server runs as the OS user postgres
    const bundle = join(dir, 'workflow-bundle.js');
    copyFileSync(testStackValue('workflowBundle'), bundle);
    system = await LaunchedSystem.start(dir, { NODE_ENV: 'development', LOG_LEVEL: 'debug', SINERGI_DEMO_PASSWORD: PASSWORD, TEMPORAL_WORKFLOW_BUNDLE: bundle });
    tokens.cw = await system.http.login('caseworker', PASSWORD);
    tokens.auditor = await system.http.login('auditor', PASSWORD);
    tokens.supervisor = await system.http.login('supervisor', PASSWORD);
    tokens.dinkes = await system.http.login('dinkes', PASSWORD);

    const opened = await call('POST', '/cases', tokens.cw, {
      channel: 'RAZIA',
      regionCode: '3514',
      person: { name: NAME, sex: 'P', approximateAge: 14, nik: NIK, guardian: { name: GUARDIAN, relationship: 'PARENT' } },
    });
    caseId = String(opened.id);
    expect((opened.person as { name: string }).name).toBe(NAME);
    await call('POST', `/cases/${caseId}/person`, tokens.cw, { newPerson: true });
    await call('POST', `/cases/${caseId}/start-health-check`, tokens.cw, {});
    // Dinkes declines its task, naming her: a rejection's reason is free text like any note.
    const inbox = await call('GET', `/tasks?caseId=${caseId}`, tokens.dinkes);
    const healthTask = (inbox.items as { id: string; type: string }[]).find((i) => i.type === 'HEALTH_CHECK');
    await call('POST', `/tasks/${String(healthTask?.id)}/reject`, tokens.dinkes, { reason: `${NAME} sudah diperiksa puskesmas lain` });
    await call('POST', `/cases/${caseId}/record-health-check`, tokens.cw, { result: 'FIT', findings: `Diagnosis: ${DIAGNOSIS}` });
    await call('POST', `/cases/${caseId}/record-assessment`, tokens.cw, {
      ppksCategories: ['PPKS-04'],
      decision: 'SHELTER',
      shelterType: 'CHILD',
      guardianConsent: { name: GUARDIAN, relationship: 'PARENT' },
      summary: `${NAME} tinggal di jalan sejak 2024`,
    });
    const shelter = await call('POST', `/cases/${caseId}/extend-shelter-stay`, tokens.supervisor, { days: 3, reason: `${NAME} menunggu hasil ${DIAGNOSIS}` });
    expect(shelter.stage).toBe('SHELTER');
  });

  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps them out of Temporal: its SQLite file and `temporal workflow show`', async () => {
    const sqlite = readdirSync(dir).filter((f) => f.startsWith('temporal.sqlite'));
    expect(sqlite).toContain('temporal.sqlite');
    const files = sqlite.map((file) => [file, readFileSync(join(dir, file)).toString('latin1')] as const);
    // The case is there (its workflow id is in clear by design), the person is not.
    expect(files.some(([, text]) => text.includes(`case-${caseId}`))).toBe(true);
    for (const [file, text] of files) expect([file, found(text)]).toEqual([file, []]);
    const shown = await run(testStackValue('temporalCli'), ['workflow', 'show', '--workflow-id', `case-${caseId}`, '--address', `127.0.0.1:${system.ports.TEMPORAL_DEV_PORT}`, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 });
    const texts = [shown.stdout];
    JSON.stringify(JSON.parse(shown.stdout), (k, v: unknown) => (k === 'data' && typeof v === 'string' ? (texts.push(Buffer.from(v, 'base64').toString('utf8')), v) : v));
    expect(texts.length).toBeGreaterThan(10);
    expect(found(texts.join('\n'))).toEqual([]);
  });

  it('keeps them out of every PostgreSQL table but the registry’s', async () => {
    const password = readFileSync(join(dir, 'postgres.password'), 'utf8').trim();
    expect(embeddedDatabaseUrl(dir, system.ports.SINERGI_EMBEDDED_DB_PORT)).toContain(encodeURIComponent(password));
    const db = new Client({ connectionString: embeddedDatabaseUrl(dir, system.ports.SINERGI_EMBEDDED_DB_PORT) });
    await db.connect();
    try {
      const { rows: tables } = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['case_view', 'case_event', 'agency_task', 'data_key', ...REGISTRY_TABLES]));
      const hits: Record<string, string[]> = {};
      for (const { name } of tables) {
        const { rows } = await db.query<{ text: string | null }>(`SELECT string_agg(t::text, E'\\n') AS text FROM public.${name} t`);
        hits[name] = found(rows[0]?.text ?? '');
      }
      // The registry holds her as given; nothing else does.
      expect(hits.case_subject).toEqual([NAME, NIK, GUARDIAN]);
      expect(hits.person).toEqual([NAME, NIK, GUARDIAN]);
      expect(Object.entries(hits).filter(([name, h]) => !REGISTRY_TABLES.includes(name) && h.length > 0)).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it('keeps them out of the exports, unless the auditor asks for them (then the access log says so)', async () => {
    for (const path of [`/cases/${caseId}/history/export`, `/cases/${caseId}/history/export?format=csv`, '/audit/events/export', '/audit/events/export?format=csv']) {
      expect([path, found(await download(path))]).toEqual([path, []]);
    }
    const asked = JSON.parse(await download(`/cases/${caseId}/history/export?personal=true`)) as { personal: unknown[]; records: unknown[] };
    expect(found(JSON.stringify(asked.personal))).toEqual(SECRETS);
    expect(found(JSON.stringify(asked.records))).toEqual([]);
    const log = await call('GET', `/audit/access-log?caseId=${caseId}`, tokens.auditor);
    expect((log.items as { route: string }[]).map((r) => r.route)).toContain('GET /cases/:id/history/export?personal=true');
  });

  it('keeps them out of every log', () => {
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log') || f.endsWith('.out'));
    expect(logs).toEqual(expect.arrayContaining(['api.log', 'worker.log']));
    expect(readFileSync(join(dir, 'api.log'), 'utf8')).toContain(`/cases/${caseId}/record-health-check`);
    for (const file of logs) expect([file, found(readFileSync(join(dir, file), 'utf8'))]).toEqual([file, []]);
  });
});
