import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { checkExport } from '../../scripts/verify-ledger-export';
import type { Sealed } from '../../workflows/contracts/sealed';
import { PersonalData, PersonalDataKeyError } from '../../src/personal-data/personal-data.service';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Json = { metadata?: Record<string, string>; data?: string };

/** One woman's distinctive data: a name, a NIK (Kab. Pasuruan, born 12-03-1980) and a health finding. */
const NAME = 'Sulistyaningrum Purbowati';
const NIK = '3514015203800004';
const FINDING = 'hepatitis-b-kronis';
const SECRETS = [NAME, NIK, FINDING];
const found = (text: string) => SECRETS.filter((s) => text.includes(s));

/**
 * Issue 13, third "Done when", on the real stack: a person with a closed case is erased. Reads and new
 * exports then show the data as erased, the chain still verifies (the API and the offline verifier over
 * a new export), the ledger rows and the Temporal history hold only ciphertext under a key that no
 * longer exists — even the operator's codec endpoint, which opened them before, now reads `[dihapus]` —
 * and the person's data report shows the erasure.
 */
describe('erasure of a person with a closed case', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let config: AppConfig;
  const t = { cw: '', sup: '', auditor: '', operator: '' };
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  let caseId = '';
  let personId = '';
  let keyId = '';

  /** Every payload of the case's Temporal history, through the operator's codec endpoint: what the Temporal UI shows a national admin. */
  const historyThroughCodec = async (): Promise<string> => {
    const { client, close } = await testTemporalClient(config);
    try {
      const history = await client.workflow.getHandle(`case-${caseId}`).fetchHistory();
      // The raw client decodes with the codec: re-encode nothing, read the JSON payloads as the codec server gets them.
      const payloads: Json[] = [];
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return;
        const o = node as Record<string, unknown>;
        if ('data' in o && 'metadata' in o && ArrayBuffer.isView(o.data)) {
          const metadata = Object.fromEntries(Object.entries((o.metadata ?? {}) as Record<string, Uint8Array>).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
          payloads.push({ metadata, data: Buffer.from(o.data as Uint8Array).toString('base64') });
        } else for (const v of Object.values(o)) walk(v);
      };
      walk(history);
      expect(payloads.length).toBeGreaterThan(5);
      const decoded = await as(t.operator).post('/codec/decode').send({ payloads }).expect(200);
      return (decoded.body as { payloads: Json[] }).payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');
    } finally {
      await close();
    }
  };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    t.cw = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    t.sup = (await signedIn(app, db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', '3514')).token;
    t.operator = (await signedIn(app, db, 'ADMIN', '')).token;

    const opened = await as(t.cw).post('/cases').send({ channel: 'COMPLAINT', regionCode: '3514', person: { name: NAME, sex: 'P', approximateAge: 46, nik: NIK } }).expect(201);
    caseId = (opened.body as { id: string }).id;
    personId = ((await as(t.cw).post(`/cases/${caseId}/person`).send({ newPerson: true }).expect(200)).body as { personId: string }).personId;
    await as(t.cw).post(`/cases/${caseId}/start-health-check`).send({}).expect(200);
    await as(t.cw).post(`/cases/${caseId}/record-health-check`).send({ result: 'NEEDS_TREATMENT', findings: `Temuan: ${FINDING}` }).expect(200);
    await as(t.sup).post(`/cases/${caseId}/close`).send({ reason: 'TRANSFERRED_OUT', note: `${NAME} pindah ke rumah saudara` }).expect(200);
    keyId = ((await db.query<{ id: string }>(`SELECT id FROM data_key WHERE case_id = $1`, [caseId])).rows[0] as { id: string }).id;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('reads the person before, and shows the data as erased after, the chain still valid everywhere', async () => {
    // Before: the case team, the auditor's personal export and the operator's codec all read her.
    expect(((await as(t.cw).get(`/cases/${caseId}`).expect(200)).body as { person: Body }).person).toMatchObject({ name: NAME, nik: NIK });
    expect(found(JSON.stringify((await as(t.auditor).get(`/cases/${caseId}/history`).expect(200)).body))).toEqual(SECRETS);
    expect(found(await historyThroughCodec())).toEqual(SECRETS);

    await as(t.sup).post(`/persons/${personId}/erasure`).send({ reason: 'Permintaan yang bersangkutan', legalBasis: 'SUBJECT_REQUEST' }).expect(200);

    // Reads: the case's person reads [dihapus] (sex and age stay), the history too.
    const kase = (await as(t.cw).get(`/cases/${caseId}`).expect(200)).body as { person: Body; closure: Body };
    expect(kase.person).toEqual({ name: '[dihapus]', sex: 'P', approximateAge: 46, erased: true });
    expect(kase.closure).toEqual({ reason: 'TRANSFERRED_OUT', note: '[dihapus]' });
    const history = JSON.stringify((await as(t.auditor).get(`/cases/${caseId}/history`).expect(200)).body);
    expect(found(history)).toEqual([]);
    expect(history).toContain('[dihapus]');
    const state = (await as(t.auditor).get(`/cases/${caseId}/state`).query({ at: new Date().toISOString() }).expect(200)).body as { person: Body };
    expect(state.person).toMatchObject({ name: '[dihapus]', erased: true });

    // New exports: the offline verifier finds the chain intact; asked for personal values, they read [dihapus].
    for (const format of ['json', 'csv']) {
      const file = await as(t.auditor).get(`/cases/${caseId}/history/export`).query({ format }).expect(200);
      expect([format, checkExport(file.text).problems]).toEqual([format, []]);
      expect(found(file.text)).toEqual([]);
    }
    const personal = (await as(t.auditor).get(`/cases/${caseId}/history/export`).query({ personal: 'true' }).expect(200)).text;
    expect(found(personal)).toEqual([]);
    expect(personal).toContain('[dihapus]');
    expect(((await as(t.auditor).get(`/cases/${caseId}/history/verify`).expect(200)).body as Body).valid).toBe(true);

    // Stored copies: sealed under a key that is gone, in the ledger and in Temporal's history.
    expect((await db.query(`SELECT wrapped FROM data_key WHERE id = $1`, [keyId])).rows).toEqual([{ wrapped: null }]);
    const ledger = (await db.query<{ text: string }>(`SELECT string_agg(e::text, E'\\n') AS text FROM case_event e WHERE case_id = $1`, [caseId])).rows[0]?.text ?? '';
    expect(found(ledger)).toEqual([]);
    expect(ledger).toContain(keyId);
    const operator = await historyThroughCodec();
    expect(found(operator)).toEqual([]);
    expect(operator).toContain('[dihapus]');

    // The data report shows the erasure.
    const report = (await as(t.auditor).get(`/persons/${personId}/data-report`).expect(200)).body as { person: Body; cases: { ledger: { action: string }[] }[] };
    expect(report.person).toMatchObject({ erased: true, erasure: { legalBasis: 'SUBJECT_REQUEST' } });
    expect(report.cases[0]?.ledger.map((e) => e.action)).toContain('personErased');
    expect(found(JSON.stringify(report))).toEqual([]);
  });

  it('reads and erases a case opened before sealing (person in the registry only, no data key) like any other', async () => {
    const name = 'Tjiptaningsih Legacy';
    const opened = await as(t.cw).post('/cases').send({ channel: 'COMPLAINT', regionCode: '3514', person: { name, sex: 'P', approximateAge: 61 } }).expect(201);
    const id = (opened.body as { id: string }).id;
    const legacyPerson = ((await as(t.cw).post(`/cases/${id}/person`).send({ newPerson: true }).expect(200)).body as { personId: string }).personId;
    await as(t.sup).post(`/cases/${id}/close`).send({ reason: 'UNFOUNDED_REPORT', note: 'tidak ditemukan' }).expect(200);
    // What the migration leaves of an older case: sex and age in the read model, the rest in case_subject, no key.
    await db.query(`UPDATE case_view SET person = person - 'sealed' WHERE id = $1`, [id]);
    await db.query(`UPDATE case_subject SET data_key_id = NULL WHERE case_id = $1`, [id]);
    await db.query(`DELETE FROM data_key WHERE case_id = $1`, [id]);

    expect(((await as(t.cw).get(`/cases/${id}`).expect(200)).body as { person: Body }).person).toEqual({ name, sex: 'P', approximateAge: 61 });
    const listed = (await as(t.cw).post('/cases/search').send({ q: 'Tjiptaningsih' }).expect(200)).body as { items: { id: string; person: Body }[] };
    expect(listed.items.map((c) => [c.id, c.person.name])).toEqual([[id, name]]);

    await as(t.sup).post(`/persons/${legacyPerson}/erasure`).send({ reason: 'Permintaan yang bersangkutan', legalBasis: 'SUBJECT_REQUEST' }).expect(200);
    expect(((await as(t.cw).get(`/cases/${id}`).expect(200)).body as { person: Body }).person).toEqual({ name: '[dihapus]', sex: 'P', approximateAge: 61, erased: true });
    // A key that never existed is destroyed all the same: nothing is sealed for this case again under a fresh one.
    expect((await db.query(`SELECT wrapped, destroyed_at IS NOT NULL AS destroyed FROM data_key WHERE case_id = $1`, [id])).rows).toEqual([{ wrapped: null, destroyed: true }]);
    expect((await as(t.sup).post(`/cases/${id}/close`).send({ reason: 'UNFOUNDED_REPORT', note: 'lagi' }).expect(409)).body.code).toBe('PERSONAL_DATA_ERASED');
    // Nobody is left to decide the case's person for.
    expect((await as(t.cw).get(`/cases/${id}/person-candidates`).expect(409)).body.code).toBe('PERSON_ERASED');
  });

  it('never takes a missing master key or an altered value for an erasure', async () => {
    const dataSource = api.get(DataSource);
    const opened = await as(t.cw).post('/cases').send({ channel: 'COMPLAINT', regionCode: '3514', person: { name: 'Ibu Kunci', sex: 'P', approximateAge: 50 } }).expect(201);
    const [view] = (await db.query<{ person: { sealed: Sealed } }>(`SELECT person FROM case_view WHERE id = $1`, [(opened.body as { id: string }).id])).rows;
    const sealed = (view as { person: { sealed: Sealed } }).person.sealed;
    // A keyring that dropped the master key still wrapping live keys: refused at start, and a read fails instead of reading [dihapus].
    const rotatedTooFar = new PersonalData(dataSource, testConfig({ SINERGI_DATA_KEYS: `m9:${Buffer.alloc(32, 9).toString('base64')}` }));
    await expect(rotatedTooFar.onModuleInit()).rejects.toThrow(/lacks the master key\(s\) dev-m1/);
    await expect(rotatedTooFar.open({ sealed })).rejects.toThrow(PersonalDataKeyError);
    // A changed byte fails authentication: an error, not an erasure.
    const personal = api.get(PersonalData);
    expect(await personal.open({ sealed })).toMatchObject({ name: 'Ibu Kunci' });
    const altered = { ...sealed, data: Buffer.from(Buffer.from(sealed.data, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64') };
    await expect(personal.open({ sealed: altered })).rejects.toThrow(PersonalDataKeyError);
  });
});
