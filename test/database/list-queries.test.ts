import { DataSource } from 'typeorm';
import { cappedCount } from '../../src/common/capped-count';
import { SqlFilter } from '../../src/common/sql-filter';
import { dataSourceOptions } from '../../src/database/data-source';
import { testConfig } from '../helpers/test-config';

/** The list queries' building blocks on the real PostgreSQL: a capped total and the region scope's SQL. */
describe('list queries (real PostgreSQL)', () => {
  let db: DataSource;

  beforeAll(async () => {
    const { database } = testConfig();
    db = await new DataSource(dataSourceOptions({ url: database.url!, schema: database.schema, poolSize: 1 })).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('counts up to the cap, exactly below it, and says when there are more', async () => {
    expect(await cappedCount(db, 'generate_series(1, 5) g WHERE g > $1', [0], 3)).toEqual({ total: 3, totalCapped: true });
    expect(await cappedCount(db, 'generate_series(1, 5) g WHERE g > $1', [0], 5)).toEqual({ total: 5, totalCapped: false });
    expect(await cappedCount(db, 'generate_series(1, 5) g WHERE g > $1', [2], 10)).toEqual({ total: 3, totalCapped: false });
    expect(await cappedCount(db, 'generate_series(1, 5) g WHERE g > $1', [9], 10)).toEqual({ total: 0, totalCapped: false });
  });

  it('selects exactly the codes of a kab/kota, a province or everything, as LIKE prefix did', async () => {
    const codes = ['3501', '3514', '3579', '3601', '3499', '1971', '2001', '7303'];
    const matching = async (scope: string): Promise<string[]> => {
      const f = new SqlFilter().inRegion('code', scope);
      const rows = await db.query<{ code: string }[]>(`SELECT code FROM unnest($${f.params.length + 1}::text[]) AS code WHERE ${f.where} ORDER BY code`, [...f.params, codes]);
      return rows.map((r) => r.code);
    };
    for (const scope of ['3514', '35', '19', '73', '']) expect(await matching(scope)).toEqual(codes.filter((c) => c.startsWith(scope)).sort());
  });
});
