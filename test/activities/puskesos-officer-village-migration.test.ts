import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PuskesosOfficerVillage1764930000000 } from '../../src/database/migrations/1764930000000-PuskesosOfficerVillage';
import { migrationSchema } from '../helpers/migration-schema';

/**
 * Village posts arrive on databases where the village sat on the agency (Bantaeng's demo): each officer
 * of that Puskesos takes its village, and existing complaints keep their intake point in the read model.
 */
describe('migration PuskesosOfficerVillage (real PostgreSQL)', () => {
  // Next to the run's schema, dropped afterwards: this test needs a database as it stood before the migration.
  const schemas = migrationSchema('postmig');
  const complaint = randomUUID();
  const other = randomUUID();
  let db: DataSource;


  beforeAll(async () => {
    const before = await schemas.before(PuskesosOfficerVillage1764930000000);
    try {
      const [{ id: puskesos }] = await before.query<[{ id: string }]>(`INSERT INTO agency (code, region_code, name, village_code) VALUES ('PUSKESOS', '7303', 'Puskesos', '7303022005') RETURNING id`);
      const [{ id: upt }] = await before.query<[{ id: string }]>(`INSERT INTO agency (code, region_code, name) VALUES ('UPT_SPMKS', '7303', 'UPT') RETURNING id`);
      for (const [username, agency] of [['p1', puskesos], ['p2', puskesos], ['u1', upt]] as const) {
        await before.query(`INSERT INTO app_user (username, display_name, role, region_code, agency_id) VALUES ($1, $1, 'AGENCY_OFFICER', '7303', $2)`, [username, agency]);
      }
      for (const id of [complaint, other]) {
        await before.query(`INSERT INTO case_view (id, workflow_id, stage, channel, region_code, person, version, opened_at, updated_at) VALUES ($1, $2, 'INTAKE', 'COMPLAINT', '7303', '{}', 1, now(), now())`, [id, `case-${id}`]);
      }
      const intakePoint = { villageCode: '7303022005', name: 'Puskesos', agencyCode: 'PUSKESOS' };
      for (const [id, payload] of [[complaint, { channel: 'COMPLAINT', intakePoint }], [other, { channel: 'COMPLAINT' }]] as const) {
        await before.query(
          `INSERT INTO case_event (case_id, seq, source_key, action, outcome, actor_id, actor_name, actor_role, summary, payload, region_code, occurred_at, recorded_at, prev_hash, hash)
           VALUES ($1, 1, 'open', 'openCase', 'ACCEPTED', 'x', 'x', 'AGENCY_OFFICER', 'openCase', $2, '7303', now(), now(), $3, $3)`,
          [id, JSON.stringify(payload), '0'.repeat(64)],
        );
      }
    } finally {
      await before.destroy();
    }
    db = await schemas.after();
  });

  afterAll(async () => {
    await schemas.drop(db);
  });

  it("gives each officer of a Puskesos with a village that village as their post, and no one else one; the agency's column is gone", async () => {
    expect(await db.query(`SELECT username, village_code FROM app_user ORDER BY username`)).toEqual([
      { username: 'p1', village_code: '7303022005' },
      { username: 'p2', village_code: '7303022005' },
      { username: 'u1', village_code: null },
    ]);
    expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'agency' AND column_name = 'village_code'`, [schemas.schema])).toEqual([]);
  });

  it('keeps the intake point of existing complaints in the read model', async () => {
    expect(await db.query(`SELECT id, intake_point FROM case_view WHERE id IN ($1, $2)`, [complaint, other])).toEqual(
      expect.arrayContaining([
        { id: complaint, intake_point: { villageCode: '7303022005', name: 'Puskesos', agencyCode: 'PUSKESOS' } },
        { id: other, intake_point: null },
      ]),
    );
  });

  it("refuses a post outside the officer's kab/kota or not a desa/kelurahan code", async () => {
    await expect(db.query(`UPDATE app_user SET village_code = '3514012001' WHERE username = 'p1'`)).rejects.toThrow(/app_user_village_in_region/);
    await expect(db.query(`UPDATE app_user SET village_code = '7303024005' WHERE username = 'p1'`)).rejects.toThrow(/app_user_village_in_region/);
  });
});
