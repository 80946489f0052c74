import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list's index also carries the stored repeat flag (issue 15, docs/performance.md "Lists at a
 * million cases"). `repeat=false` is most of a kab/kota's cases, so the partial index of repeats does
 * not serve it: its count read every case of the scope from the table (27,000 pages for Kabupaten
 * Pasuruan in the scale seed). With `is_repeat` among the included columns, the page and the count of
 * either value come from the index alone, as for stage, agency and overdue.
 *
 * A new name, so that a live province can build it first with `CREATE INDEX CONCURRENTLY` under the
 * same name and definition; the migration then only drops the index it replaces.
 */
export class ListIndexRepeat1764997000000 implements MigrationInterface {
  name = 'ListIndexRepeat1764997000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS case_view_region_list_idx ON case_view (region_code, opened_at DESC, id) INCLUDE (stage, responsible_agency, overdue, is_repeat)`);
    await q.query(`DROP INDEX IF EXISTS case_view_region_opened_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS case_view_region_opened_idx ON case_view (region_code, opened_at DESC, id) INCLUDE (stage, responsible_agency, overdue)`);
    await q.query(`DROP INDEX IF EXISTS case_view_region_list_idx`);
  }
}
