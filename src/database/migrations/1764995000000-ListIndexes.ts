import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists at a province's size (issue 15, docs/performance.md "Lists at a million cases").
 * A kab/kota's scope is an equality (src/common/region-scope.ts), so an index led by the region serves
 * a list in its order. The case list reads a kab/kota's newest cases in index order, and counts a
 * filter on stage, agency or overdue from the index alone. The audit search reads a kab/kota's entries
 * in the list's order (occurred_at, case_id, seq) and filters on action, agency, outcome or actor from
 * the index alone (it replaces case_event_region_idx, a prefix of it). The name search finds the text in
 * a trigram index (pg_trgm, installed by PersonRegistry) instead of reading every name.
 *
 * Built inside the migration's transaction, the indexes hold a SHARE lock on their tables while they
 * build (tens of seconds per index at 20 million ledger entries): projections wait meanwhile. On a
 * large live database, create them first with `CREATE INDEX CONCURRENTLY` under the same names and
 * definitions; the migration then finds them (IF NOT EXISTS) and only drops the index they replace.
 */
export class ListIndexes1764995000000 implements MigrationInterface {
  name = 'ListIndexes1764995000000';

  async up(q: QueryRunner): Promise<void> {
    const [ext] = (await q.query(`SELECT quote_ident(extnamespace::regnamespace::text) AS s FROM pg_extension WHERE extname = 'pg_trgm'`)) as { s: string }[];
    await q.query(`CREATE INDEX IF NOT EXISTS case_view_region_opened_idx ON case_view (region_code, opened_at DESC, id) INCLUDE (stage, responsible_agency, overdue)`);
    await q.query(`CREATE INDEX IF NOT EXISTS case_event_region_order_idx ON case_event (region_code, occurred_at, case_id, seq) INCLUDE (action, agency_code, outcome, actor_id)`);
    await q.query(`DROP INDEX IF EXISTS case_event_region_idx`);
    await q.query(`CREATE INDEX IF NOT EXISTS case_subject_name_trgm_idx ON case_subject USING gin (name ${(ext as { s: string }).s}.gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_subject_name_trgm_idx`);
    await q.query(`CREATE INDEX case_event_region_idx ON case_event (region_code, occurred_at)`);
    await q.query(`DROP INDEX case_event_region_order_idx`);
    await q.query(`DROP INDEX case_view_region_opened_idx`);
  }
}
