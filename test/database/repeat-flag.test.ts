import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { StoredRepeatFlag1764996000000 } from '../../src/database/migrations/1764996000000-StoredRepeatFlag';
import { migrationSchema } from '../helpers/migration-schema';
import { testStackValue } from '../helpers/test-stack';

/**
 * case_view.is_repeat, kept by PostgreSQL (migration StoredRepeatFlag): after the backfill and after
 * every kind of change to who a case is about — decided, undone, moved to another person (a merge and
 * its undo), several at once — it equals the definition worked out from the data: one of the person's
 * other cases opened strictly earlier; also when two transactions change one person's cases at once
 * (migration RepeatFlagRefresh). Real PostgreSQL, a schema of its own.
 */
describe('the stored repeat flag', () => {
  const schemas = migrationSchema('repeatflag');
  let db: DataSource;
  const cases: string[] = Array.from({ length: 12 }, () => randomUUID());
  const persons: string[] = Array.from({ length: 4 }, () => randomUUID());
  // Opening times: hours apart, except cases 4 and 5, opened in the same microsecond (neither is earlier).
  const openedAt = (i: number) => new Date(Date.parse('2025-06-01T00:00:00Z') + (i === 5 ? 4 : i) * 3_600_000).toISOString();

  const LINK = `INSERT INTO case_person (case_id, person_id, decision, decided_by_id, decided_by_name, decided_by_role, decided_at) VALUES ($1, $2, 'LINKED_EXISTING', 'u', 'U', 'CASE_WORKER', now())`;
  const link = (caseIndex: number, personIndex: number) => db.query(LINK, [cases[caseIndex], persons[personIndex]]);
  /** A connection of its own (the data source has one), in the test's schema. */
  const session = async () => {
    const client = new Client({ connectionString: testStackValue('databaseUrl') });
    await client.connect();
    await client.query(`SET search_path TO "${schemas.schema}"`);
    return client;
  };
  const stored = async () => (await db.query<{ id: string; is_repeat: boolean }[]>(`SELECT id, is_repeat FROM case_view WHERE id = ANY($1) ORDER BY id`, [cases])).map((r) => [r.id, r.is_repeat]);
  const derived = async () =>
    (
      await db.query<{ id: string; repeat: boolean }[]>(
        `SELECT v.id, EXISTS (SELECT 1 FROM case_person mine JOIN case_person other ON other.person_id = mine.person_id JOIN case_view e ON e.id = other.case_id
                              WHERE mine.case_id = v.id AND e.opened_at < v.opened_at) AS repeat
           FROM case_view v WHERE v.id = ANY($1) ORDER BY v.id`,
        [cases],
      )
    ).map((r) => [r.id, r.repeat]);
  const repeats = async () => (await stored()).filter(([, r]) => r).map(([id]) => cases.indexOf(id as string)).sort((a, b) => a - b);

  beforeAll(async () => {
    db = await schemas.before(StoredRepeatFlag1764996000000);
    for (const [i, id] of cases.entries()) {
      await db.query(`INSERT INTO case_view (id, workflow_id, stage, channel, region_code, person, version, opened_at, updated_at) VALUES ($1, $2, 'INTAKE', 'RAZIA', '3514', '{}', 1, $3, $3)`, [id, `case-${id}`, openedAt(i)]);
    }
    for (const id of persons) {
      await db.query(`INSERT INTO person (id, name, sex, birth_year, birth_year_approximate, region_code, created_by_id, created_by_name) VALUES ($1, 'Uji', 'L', 1990, true, '3514', 'u', 'U')`, [id]);
    }
    // Before the migration: person 0 has cases 0, 2, 7; person 1 cases 4 and 5 (the same moment).
    for (const [c, p] of [[0, 0], [2, 0], [7, 0], [4, 1], [5, 1]] as const) await link(c, p);
    await db.destroy();
    db = await schemas.after();
  });

  afterAll(() => schemas.drop(db));

  it('is backfilled from the links there before it', async () => {
    expect(await repeats()).toEqual([2, 7]);
    expect(await stored()).toEqual(await derived());
  });

  it('follows every change of who a case is about', async () => {
    const steps: [string, () => Promise<unknown>, number[]][] = [
      ['an earlier case decided for person 0', () => link(1, 0), [1, 2, 7]],
      ['a first case decided for person 2', () => link(9, 2), [1, 2, 7]],
      ['a later case of person 2', () => link(11, 2), [1, 2, 7, 11]],
      ['the decision on case 0 undone', () => db.query(`DELETE FROM case_person WHERE case_id = $1`, [cases[0]]), [2, 7, 11]],
      ['person 2 merged into person 1 (both cases moved at once)', () => db.query(`UPDATE case_person SET person_id = $1 WHERE person_id = $2`, [persons[1], persons[2]]), [9, 11, 2, 7].sort((a, b) => a - b)],
      ['the merge undone for case 9 only', () => db.query(`UPDATE case_person SET person_id = $1 WHERE case_id = $2`, [persons[2], cases[9]]), [2, 7, 11]],
      ['case 3 decided for person 1, earlier than its cases 4 and 5', () => link(3, 1), [2, 4, 5, 7, 11]],
      ['every link of person 1 removed', () => db.query(`DELETE FROM case_person WHERE person_id = $1`, [persons[1]]), [2, 7]],
    ];
    for (const [what, change, expected] of steps) {
      await change();
      expect([what, await repeats()]).toEqual([what, expected]);
      expect(await stored()).toEqual(await derived());
    }
  });

  it('stays right when two transactions decide cases of one person at once', async () => {
    await link(10, 3);
    const [first, second] = [await session(), await session()];
    let settled: unknown;
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await first.query(LINK, [cases[6], persons[3]]);
      // The second link while the first is not committed: its refresh waits for the first to commit
      // (without the lock it ran at once, without seeing case 6, and left case 8 a first case).
      const secondLink = second.query(LINK, [cases[8], persons[3]]);
      settled = await Promise.race([secondLink.then(() => 'ran'), new Promise((r) => setTimeout(() => r('waits'), 500))]);
      await first.query('COMMIT');
      await secondLink;
      await second.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect((await repeats()).filter((i) => [6, 8, 10].includes(i))).toEqual([8, 10]);
    expect(await stored()).toEqual(await derived());
    expect(settled).toBe('waits');
  });
});
