import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import type { RetentionPolicy } from '../../activities/retention.activities';
import { createRetentionActivities } from '../../activities/retention.activities';
import { dataSourceOptions } from '../../src/database/data-source';
import { testConfig } from '../helpers/test-config';

type Stage = 'CLOSED' | 'ASSESSMENT';
type Counts = { personsErased: number; casesErased: number };

/**
 * What the retention sweep finds due, on real PostgreSQL (docs/personal-data.md "Retention"): every case
 * of a person (the records merged into them included) must be closed at least its protocol's period ago;
 * an unknown protocol keeps the five-year default; the statutory minimum holds every period back. The
 * fixtures are rows of their own under a protocol id no other test uses.
 */
describe('retention sweep: what is due', () => {
  let dataSource: DataSource;
  const protocolId = `9${randomBytes(2).toString('hex')}`.slice(0, 4);
  const policy = (minRetentionDays = 0): RetentionPolicy => ({ periods: [{ id: protocolId, version: 1, period: 'P2D' }], defaultPeriod: 'P5Y', minRetentionDays });
  const sweep = (p: RetentionPolicy) => new MockActivityEnvironment().run<[], Counts, () => Promise<Counts>>(createRetentionActivities({ dataSource, retention: p }).eraseExpiredPersonalData);

  beforeAll(async () => {
    const { database } = testConfig();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** A case with its subject and a live data key, closed (or not) `closedAgo` ago, under this protocol version. */
  async function kase(stage: Stage, closedAgo: string, protocol: [string, number] = [protocolId, 1]): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO case_view (id, workflow_id, stage, channel, region_code, person, version, opened_at, updated_at, protocol_id, protocol_version, stage_entered_at)
       VALUES ($1, $6, $2, 'RAZIA', '3514', '{}', 1, now() - interval '7 years', now(), $3, $4, now() - $5::interval)`,
      [id, stage, protocol[0], protocol[1], closedAgo, `case-${id}`],
    );
    const keyId = randomUUID();
    await dataSource.query(`INSERT INTO data_key (id, case_id, master_key_id, wrapped) VALUES ($1, $2, 'dev-m1', '\\x00')`, [keyId, id]);
    await dataSource.query(`INSERT INTO case_subject (case_id, data_key_id, name) VALUES ($1, $2, 'Nama Uji')`, [id, keyId]);
    return id;
  }

  /** A registered person linked to these cases; `mergedInto` makes it a record merged into another. */
  async function person(caseIds: string[], mergedInto: string | null = null, legalHold = false): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO person (id, name, sex, birth_year, birth_year_approximate, region_code, created_by_id, created_by_name, merged_into, merged_at)
       VALUES ($1, 'Nama Uji', 'L', 1980, true, '3514', 'test', 'test', $2::uuid, CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END)`,
      [id, mergedInto],
    );
    if (legalHold) await dataSource.query(`UPDATE person SET legal_hold_at = now(), legal_hold_by_id = 'test', legal_hold_by_name = 'test', legal_hold_kind = 'OTHER', legal_hold_reason = 'uji' WHERE id = $1`, [id]);
    for (const c of caseIds) {
      await dataSource.query(`INSERT INTO case_person (case_id, person_id, decision, decided_by_id, decided_by_name, decided_by_role, decided_at) VALUES ($1, $2, 'NEW_PERSON', 'test', 'test', 'CASE_WORKER', now())`, [c, id]);
    }
    return id;
  }

  const erased = async (personId: string) => ((await dataSource.query<{ e: boolean }[]>('SELECT erased_at IS NOT NULL AS e FROM person WHERE id = $1', [personId]))[0]?.e);
  const keyAlive = async (caseId: string) => ((await dataSource.query<{ a: boolean }[]>('SELECT wrapped IS NOT NULL AS a FROM data_key WHERE case_id = $1', [caseId]))[0]?.a);
  const entries = async (caseId: string) => (await dataSource.query<{ action: string; actor_id: string; payload: unknown }[]>('SELECT action, actor_id, payload FROM case_event WHERE case_id = $1', [caseId]));

  it('erases a person only when every case of theirs and of the records merged into them is due; unlinked cases by themselves', async () => {
    // Due: a keeper with a case closed 10 days ago (period two days) and a merged record whose case too.
    const keeperCase = await kase('CLOSED', '10 days');
    const mergedCase = await kase('CLOSED', '10 days');
    const keeper = await person([keeperCase]);
    const merged = await person([mergedCase], keeper);
    // Not due: one case closed yesterday; a merged record's case still open; a legal hold.
    const recent = await person([await kase('CLOSED', '10 days'), await kase('CLOSED', '1 day')]);
    const withOpen = await person([await kase('CLOSED', '10 days')]);
    const openCase = await kase('ASSESSMENT', '10 days');
    await person([openCase], withOpen);
    const heldCase = await kase('CLOSED', '10 days');
    const held = await person([heldCase], null, true);
    // An unknown protocol keeps the default (five calendar years): closed six years ago is due, three is not.
    const oldUnknown = await person([await kase('CLOSED', '6 years', ['0000', 42])]);
    const youngUnknown = await person([await kase('CLOSED', '3 years', ['0000', 42])]);
    // Cases never linked: closed long ago is due; open is not.
    const unlinkedDue = await kase('CLOSED', '10 days');
    const unlinkedOpen = await kase('ASSESSMENT', '10 days');

    // The statutory minimum (30 days) holds back every one of these.
    await sweep(policy(30));
    expect(await Promise.all([keeper, oldUnknown].map(erased))).toEqual([false, true]); // six years is past 30 days too
    expect(await keyAlive(unlinkedDue)).toBe(true);

    const counts = await sweep(policy());
    expect(counts.personsErased).toBeGreaterThanOrEqual(1);
    expect(counts.casesErased).toBeGreaterThanOrEqual(1);
    expect(await Promise.all([keeper, merged].map(erased))).toEqual([true, true]);
    expect(await Promise.all([keeperCase, mergedCase].map(keyAlive))).toEqual([false, false]);
    expect(await entries(keeperCase)).toEqual([{ action: 'personErased', actor_id: 'system', payload: { personId: keeper, legalBasis: 'RETENTION_EXPIRED' } }]);
    expect(await Promise.all([recent, withOpen, held, youngUnknown].map(erased))).toEqual([false, false, false, false]);
    expect(await Promise.all([openCase, heldCase].map(keyAlive))).toEqual([true, true]);
    expect(await keyAlive(unlinkedDue)).toBe(false);
    expect(await entries(unlinkedDue)).toEqual([{ action: 'caseSubjectErased', actor_id: 'system', payload: { legalBasis: 'RETENTION_EXPIRED' } }]);
    expect(await keyAlive(unlinkedOpen)).toBe(true);

    // Idempotent: nothing of these is due any more; no second ledger entry.
    await sweep(policy());
    expect(await entries(keeperCase)).toHaveLength(1);
    expect(await entries(unlinkedDue)).toHaveLength(1);
  });
});
