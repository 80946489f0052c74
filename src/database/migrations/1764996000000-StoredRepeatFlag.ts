import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a case is a repeat (its person has a case opened before it, in any region), stored on the
 * case (`case_view.is_repeat`) instead of worked out per case whenever the list filters on it (issue 15,
 * docs/performance.md: `repeat=true|false` took ~400 ms over a kab/kota of a million-case province).
 *
 * PostgreSQL keeps the flag, in the transaction that changes what it depends on, whichever code does it:
 * a trigger on `case_person` (a person decided, undone, merged, a merge undone, a link erased) recomputes
 * the flag of every case of the person before and after the change. A person has a handful of cases, so
 * each change touches a handful of rows. Nothing else moves the flag: a case_person row needs its case
 * row first (foreign key), and a case's opening time never changes (the projection does not update
 * `opened_at`). The backfill sets the flag from the data already there.
 *
 * The condition, written out here (a migration keeps its own text): a case is a repeat when one of the
 * cases linked to the same person opened strictly earlier.
 */
const IS_REPEAT = (alias: string) =>
  `EXISTS (SELECT 1 FROM case_person mine JOIN case_person other ON other.person_id = mine.person_id JOIN case_view earlier ON earlier.id = other.case_id
     WHERE mine.case_id = ${alias}.id AND earlier.opened_at < ${alias}.opened_at)`;

/** Sets the flag of every case from the data (the backfill; the scale seed runs it after loading). */
export const BACKFILL_REPEAT_FLAG = `UPDATE case_view v SET is_repeat = ${IS_REPEAT('v')} WHERE v.is_repeat IS DISTINCT FROM ${IS_REPEAT('v')}`;

export class StoredRepeatFlag1764996000000 implements MigrationInterface {
  name = 'StoredRepeatFlag1764996000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_view ADD COLUMN is_repeat boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION sinergi_refresh_repeats(cases uuid[], persons uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE case_view v SET is_repeat = ${IS_REPEAT('v')}
         WHERE (v.id = ANY(cases) OR v.id IN (SELECT p.case_id FROM case_person p WHERE p.person_id = ANY(persons)))
           AND v.is_repeat IS DISTINCT FROM ${IS_REPEAT('v')}
      $$`);
    // OLD is null on INSERT and NEW on DELETE (PostgreSQL 11+): the arrays then hold a null, which matches nothing.
    await q.query(`
      CREATE FUNCTION sinergi_case_person_repeats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM sinergi_refresh_repeats(ARRAY[NEW.case_id, OLD.case_id], ARRAY[NEW.person_id, OLD.person_id]);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER case_person_repeats AFTER INSERT OR DELETE OR UPDATE OF case_id, person_id ON case_person FOR EACH ROW EXECUTE FUNCTION sinergi_case_person_repeats()`);
    await q.query(BACKFILL_REPEAT_FLAG);
    // The list's order within a kab/kota for repeat=true; repeat=false reads the list index (case_view_region_list_idx since 1764997000000).
    await q.query(`CREATE INDEX case_view_region_repeat_idx ON case_view (region_code, opened_at DESC, id) WHERE is_repeat`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_person_repeats ON case_person`);
    await q.query(`DROP FUNCTION sinergi_case_person_repeats()`);
    await q.query(`DROP FUNCTION sinergi_refresh_repeats(uuid[], uuid[])`);
    await q.query(`DROP INDEX case_view_region_repeat_idx`);
    await q.query(`ALTER TABLE case_view DROP COLUMN is_repeat`);
  }
}
