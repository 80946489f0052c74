import type { MigrationInterface, QueryRunner } from 'typeorm';

const DESA_IN_REGION = `village_code ~ '^[0-9]{6}[123][0-9]{3}$' AND left(village_code, 4) = left(region_code, 4)`;

/**
 * Several village Puskesos in one kab/kota (docs/puskesos.md): the village moves from the agency to
 * the officer (`app_user.village_code`, their post), so the one PUSKESOS agency of a regency serves
 * many desa. Existing data keeps working: each officer of a Puskesos with a village takes that
 * village. The case's read model keeps the intake point (`case_view.intake_point`, projected from the
 * workflow's snapshot; filled here from each case's `openCase` ledger entry) so inboxes can filter by it.
 */
export class PuskesosOfficerVillage1764930000000 implements MigrationInterface {
  name = 'PuskesosOfficerVillage1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN village_code varchar(10)`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_village_in_region CHECK (village_code IS NULL OR (${DESA_IN_REGION}))`);
    await q.query(`UPDATE app_user u SET village_code = a.village_code FROM agency a WHERE u.agency_id = a.id AND a.code = 'PUSKESOS' AND a.village_code IS NOT NULL`);
    await q.query(`ALTER TABLE agency DROP CONSTRAINT agency_village_in_region`);
    await q.query(`ALTER TABLE agency DROP COLUMN village_code`);
    await q.query(`ALTER TABLE case_view ADD COLUMN intake_point jsonb`);
    await q.query(`UPDATE case_view c SET intake_point = e.payload->'intakePoint' FROM case_event e
      WHERE e.case_id = c.id AND e.action = 'openCase' AND e.outcome = 'ACCEPTED' AND e.payload ? 'intakePoint'`);
    await q.query(`CREATE INDEX case_view_intake_village_idx ON case_view ((intake_point->>'villageCode')) WHERE intake_point IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_view_intake_village_idx`);
    await q.query(`ALTER TABLE case_view DROP COLUMN intake_point`);
    await q.query(`ALTER TABLE agency ADD COLUMN village_code varchar(10)`);
    // One village per agency again: the lowest of its officers' posts.
    await q.query(`UPDATE agency a SET village_code = (SELECT min(u.village_code) FROM app_user u WHERE u.agency_id = a.id) WHERE a.code = 'PUSKESOS'`);
    await q.query(`ALTER TABLE agency ADD CONSTRAINT agency_village_in_region CHECK (village_code IS NULL OR (village_code ~ '^[0-9]{6}[123][0-9]{3}$' AND left(village_code, 4) = region_code))`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_village_in_region`);
    await q.query(`ALTER TABLE app_user DROP COLUMN village_code`);
  }
}
