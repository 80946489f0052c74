import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored repeat flag's refresh (migration StoredRepeatFlag), corrected in two ways:
 *
 * - *One change per person at a time.* Two transactions linking cases to the same person at once each
 *   recomputed the person's cases without seeing the other's uncommitted link, and the later commit
 *   could leave a case marked as a first case although an earlier one was now linked. The refresh now
 *   takes a transaction-scoped advisory lock per person (in a fixed order, so two merges cannot wait on
 *   each other) before it recomputes; under READ COMMITTED its next statement then sees what the other
 *   transaction committed.
 * - *An index, not a scan.* `id = ANY(cases) OR id IN (subquery)` cannot use an index: PostgreSQL read
 *   all of case_view (a million rows in the scale seed) for every changed link. A UNION of the two sets
 *   is joined to the primary key.
 */
const IS_REPEAT = (alias: string) =>
  `EXISTS (SELECT 1 FROM case_person mine JOIN case_person other ON other.person_id = mine.person_id JOIN case_view earlier ON earlier.id = other.case_id
     WHERE mine.case_id = ${alias}.id AND earlier.opened_at < ${alias}.opened_at)`;

export class RepeatFlagRefresh1764998000000 implements MigrationInterface {
  name = 'RepeatFlagRefresh1764998000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION sinergi_refresh_repeats(cases uuid[], persons uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(k)
           FROM (SELECT DISTINCT hashtextextended('sinergi.repeats:' || p::text, 0) AS k FROM unnest(persons) p WHERE p IS NOT NULL) held
          ORDER BY k;
        UPDATE case_view v SET is_repeat = ${IS_REPEAT('v')}
         WHERE v.id IN (SELECT c FROM unnest(cases) c UNION SELECT p.case_id FROM case_person p WHERE p.person_id = ANY(persons))
           AND v.is_repeat IS DISTINCT FROM ${IS_REPEAT('v')};
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION sinergi_refresh_repeats(cases uuid[], persons uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE case_view v SET is_repeat = ${IS_REPEAT('v')}
         WHERE (v.id = ANY(cases) OR v.id IN (SELECT p.case_id FROM case_person p WHERE p.person_id = ANY(persons)))
           AND v.is_repeat IS DISTINCT FROM ${IS_REPEAT('v')}
      $$`);
  }
}
