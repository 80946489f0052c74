import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';
import { testStackValue } from '../helpers/test-stack';

const run = promisify(execFile);
type Json = { metadata?: Record<string, string>; data?: string };
type Body = Record<string, unknown>;

/** Distinctive strings of one person: a name, a NIK (Kab. Pasuruan, born 01-05-2012, female) and a finding. */
const NAME = 'Wahyuningsih Kinanti Larasati';
const NIK = '3514014105120003';
const FINDING = 'scabies-berat-lengan-kiri';
const SECRETS = [NAME, NIK, FINDING];
const found = (text: string) => SECRETS.filter((s) => text.includes(s));
const DEV_KEY = 'dev-1:c2luZXJnaS1kZXZlbG9wbWVudC1wYXlsb2FkLWtleSE=';
const NEW_KEY = `k2:${Buffer.alloc(32, 42).toString('base64')}`;

const asJson = (p: proto.api.common.v1.IPayload): Json => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/** The CLI's JSON history with every payload's data (base64 there) decoded next to it. */
function readable(json: string): string {
  const texts: string[] = [json];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && typeof v === 'string') texts.push(Buffer.from(v, 'base64').toString('utf8'));
      else walk(v);
    }
  };
  walk(JSON.parse(json));
  return texts.join('\n');
}

/** The SDK core's marker of a local activity (the case's projection, ADR 0005). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/**
 * Every payload of a history the codec sees, wherever it sits (inputs, results, update arguments and
 * results, memos). Left out: search attributes (stage, region, overdue flag: indexed in clear by design,
 * never personal data), the SDK's patch markers (a patch id) and the bookkeeping of its local-activity
 * markers (`data`: sequence number, attempt, activity type, times — see localActivityBookkeeping), which
 * Temporal writes past the codec; a local activity's result is there, and goes through the codec.
 */
function payloadsOf(node: unknown, found: proto.api.common.v1.IPayload[] = []): proto.api.common.v1.IPayload[] {
  if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return found;
  const o = node as Record<string, unknown>;
  if ('data' in o && 'metadata' in o && (o.data === null || ArrayBuffer.isView(o.data))) found.push(o);
  else
    for (const [k, v] of Object.entries(o)) {
      if (k === 'searchAttributes' || k === 'patch-data') continue;
      if (k === 'details' && o.markerName === LOCAL_ACTIVITY_MARKER) payloadsOf({ ...(v as Record<string, unknown>), data: undefined }, found);
      else payloadsOf(v, found);
    }
  return found;
}

/** The plain bookkeeping of every local-activity marker in a history, parsed. */
function localActivityBookkeeping(history: proto.api.history.v1.IHistory): Record<string, unknown>[] {
  return (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === LOCAL_ACTIVITY_MARKER)
    .flatMap((m) => m?.details?.data?.payloads ?? [])
    .map((p) => JSON.parse(Buffer.from(p.data ?? []).toString()) as Record<string, unknown>);
}

/**
 * Temporal payload encryption (issue 13 item 2–3) on the real stack: a case's history holds only
 * ciphertext under the configured key (raw history, `temporal workflow show`), the operator's codec
 * endpoint opens it for a national admin and refuses everyone else, and a key rotated in the middle of
 * a case leaves it running, with old and new payloads both decoding.
 */
describe('Temporal payloads encrypted by the codec', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let url: string;
  let raw: { client: Client; connection: Connection };
  const t = { cw: '', admin: '', adminRegion: '' };
  let caseId = '';

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const cmd = (id: string, command: string, body: Body = {}) => as(t.cw).post(`/cases/${id}/${command}`).send(body).expect(200);
  const history = async (id: string) => raw.client.workflow.getHandle(`case-${id}`).fetchHistory();
  const historyBytes = async (id: string) => Buffer.from(proto.api.history.v1.History.encode(await history(id)).finish());
  const cli = (...args: string[]) => run(testStackValue('temporalCli'), ['workflow', 'show', '--workflow-id', `case-${caseId}`, '--address', config.temporal.address as string, '--namespace', config.temporal.namespace, '--output', 'json', ...args], { maxBuffer: 64 * 1024 * 1024 });
  const keyIds = (payloads: proto.api.common.v1.IPayload[]) => new Set(payloads.map((p) => Buffer.from(p.metadata?.['encryption-key-id'] ?? []).toString()));

  const start = async (overrides: Record<string, string> = {}) => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: config?.temporal.taskQueue ?? `test-codec-${Date.now()}`, ...overrides });
    worker = await startWorker(config);
    api = await startApi(config);
    await api.listen(0, '127.0.0.1');
    url = await api.getUrl();
  };
  const stop = async () => {
    await api?.close();
    await worker?.close();
  };

  beforeAll(async () => {
    await start();
    db = testPool(config);
    const app = api.getHttpServer();
    t.cw = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    t.admin = (await signedIn(app, db, 'ADMIN', '')).token;
    t.adminRegion = (await signedIn(app, db, 'ADMIN', '3514')).token;
    // A client without the keys: what anyone reading Temporal directly sees.
    const connection = await Connection.connect({ address: config.temporal.address });
    raw = { connection, client: new Client({ connection, namespace: config.temporal.namespace }) };
  });

  afterAll(async () => {
    await stop();
    await raw?.connection.close();
    await db?.end();
  });

  it('keeps a case’s name, NIK and health finding out of Temporal’s history', async () => {
    const opened = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: NAME, sex: 'P', approximateAge: 14, nik: NIK } }).expect(201);
    caseId = (opened.body as { id: string }).id;
    await cmd(caseId, 'start-health-check');
    await cmd(caseId, 'record-health-check', { result: 'FIT', findings: FINDING });

    const bytes = await historyBytes(caseId);
    for (const s of SECRETS) expect(bytes.includes(s)).toBe(false);
    const payloads = payloadsOf(await history(caseId));
    expect(payloads.length).toBeGreaterThan(5);
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata?.encoding ?? []).toString()))).toEqual(new Set(['binary/encrypted']));
    expect(keyIds(payloads)).toEqual(new Set(['dev-1']));
    // What the SDK writes in clear beside a local activity's (encrypted) result: which activity, its
    // attempt and times, and nothing of the case.
    const bookkeeping = localActivityBookkeeping(await history(caseId));
    expect(bookkeeping.length).toBeGreaterThan(0);
    for (const b of bookkeeping) {
      expect(Object.keys(b).sort()).toEqual(['activity_id', 'activity_type', 'attempt', 'backoff', 'complete_time', 'original_schedule_time', 'seq']);
      expect(b.activity_type).toBe('projectChange');
    }

    // The same history through a client holding the codec's keys: the payloads open, and the person in
    // them is sealed again under her own data key (item 1); only the API, which holds that key, opens it.
    const keyed = await testTemporalClient(config);
    try {
      const decoded = await keyed.client.workflow.getHandle(`case-${caseId}`).query<{ person: Record<string, unknown> }>('getCase');
      expect(decoded.person).toMatchObject({ sex: 'P', approximateAge: 14, sealed: { $sealed: 'v1' } });
      expect(found(JSON.stringify(decoded))).toEqual([]);
    } finally {
      await keyed.close();
    }

    // The operator's CLI: ciphertext without the codec endpoint; with it and a national admin's token, the
    // data (the endpoint opens the payloads and the personal values sealed in them).
    const plain = readable((await cli()).stdout);
    for (const s of SECRETS) expect(plain).not.toContain(s);
    const opened2 = readable((await cli('--codec-endpoint', `${url}/codec`, '--codec-auth', `Bearer ${t.admin}`)).stdout);
    for (const s of SECRETS) expect(opened2).toContain(s);
    await expect(cli('--codec-endpoint', `${url}/codec`, '--codec-auth', `Bearer ${t.cw}`)).rejects.toThrow();
  });

  it('opens payloads for a national admin only, security-logged; refuses bad input with a code', async () => {
    const sealed = payloadsOf(await history(caseId)).slice(0, 3).map(asJson);
    const decoded = await as(t.admin).post('/codec/decode').set('X-Namespace', config.temporal.namespace).send({ payloads: sealed }).expect(200);
    const items = (decoded.body as { payloads: Json[] }).payloads;
    expect(items).toHaveLength(3);
    const input = defaultPayloadConverter.fromPayload({ metadata: Object.fromEntries(Object.entries(items[0]?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])), data: Buffer.from(items[0]?.data ?? '', 'base64') });
    expect(JSON.stringify(input)).toContain(NAME);
    const logged = await db.query<{ actor_role: string; detail: Body }>(`SELECT actor_role, detail FROM security_event WHERE action = 'PAYLOADS_DECODED' ORDER BY occurred_at DESC LIMIT 1`);
    expect(logged.rows[0]).toMatchObject({ actor_role: 'ADMIN', detail: { payloads: 3 } });
    expect(JSON.stringify(logged.rows)).not.toContain(NAME);
    expect(logged.rows[0]?.detail).toMatchObject({ personalPayloadsOpened: expect.any(Number) as number });
    // The operator read her data: the access log says so, like any other read (her data report shows it).
    expect((await db.query(`SELECT 1 FROM personal_data_access WHERE case_id = $1 AND route = 'POST /codec/decode'`, [caseId])).rowCount).toBeGreaterThan(0);

    // Round trip: encode seals under the active key.
    const again = await as(t.admin).post('/codec/encode').send({ payloads: items }).expect(200);
    expect((again.body as { payloads: Json[] }).payloads[0]?.metadata?.encoding).toBe(Buffer.from('binary/encrypted').toString('base64'));

    await request(api.getHttpServer()).post('/codec/decode').send({ payloads: sealed }).expect(401);
    expect((await as(t.cw).post('/codec/decode').send({ payloads: sealed }).expect(403)).body).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect((await as(t.adminRegion).post('/codec/decode').send({ payloads: sealed }).expect(403)).body).toMatchObject({ code: 'PERMISSION_DENIED' });
    for (const bad of [{ payloads: 'x' }, { payloads: null }, { payloads: [{ data: 'not base64!' }] }, { payloads: [{ metadata: { encoding: 7 } }] }, { payloads: Array.from({ length: 1001 }, () => ({})) }]) {
      expect((await as(t.admin).post('/codec/decode').send(bad).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await as(t.admin).post('/codec/decode').set('X-Namespace', 'elsewhere').send({ payloads: sealed }).expect(400);
    const tampered = { ...sealed[0], data: Buffer.from(Buffer.from(sealed[0]?.data ?? '', 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))).toString('base64') };
    expect((await as(t.admin).post('/codec/decode').send({ payloads: [tampered] }).expect(422)).body).toMatchObject({ code: 'PAYLOAD_UNDECODABLE' });
    await as(t.admin).post('/codec/transcode').send({ payloads: sealed }).expect(404);
  });

  it('rotates the key in the middle of a case: the case goes on, old and new payloads decode', async () => {
    await stop();
    // The new key first (active), the old one kept for the history already written under it.
    await start({ SINERGI_PAYLOAD_KEYS: `${NEW_KEY},${DEV_KEY}` });
    await as(t.cw).post(`/cases/${caseId}/record-assessment`).send({ ppksCategories: ['PPKS-04'], decision: 'REHABILITATION', guardianConsent: { name: 'Ibu Sari', relationship: 'PARENT' } }).expect(200);
    expect((await as(t.cw).get(`/cases/${caseId}`).expect(200)).body).toMatchObject({ stage: 'REHABILITATION' });
    const payloads = payloadsOf(await history(caseId));
    expect(keyIds(payloads)).toEqual(new Set(['dev-1', 'k2']));
    expect((await historyBytes(caseId)).includes('Ibu Sari')).toBe(false);
    const decoded = await as(t.admin).post('/codec/decode').send({ payloads: payloads.map(asJson) }).expect(200);
    expect(JSON.stringify((decoded.body as { payloads: Json[] }).payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString()))).toContain('Ibu Sari');
  });
});
