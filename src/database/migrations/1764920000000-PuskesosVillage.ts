import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A village Puskesos knows its village: `agency.village_code`, the Kemendagri desa/kelurahan code
 * (10 digits) where its officers take complaints in (pmks-domain §5.2, §7.3). Optional (other agencies
 * have none); when set it lies inside the agency's kab/kota and is a desa/kelurahan code (last four
 * digits start with 1, 2 or 3), as the CHECK says.
 */
export class PuskesosVillage1764920000000 implements MigrationInterface {
  name = 'PuskesosVillage1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency ADD COLUMN village_code varchar(10)`);
    await q.query(`ALTER TABLE agency ADD CONSTRAINT agency_village_in_region CHECK (village_code IS NULL OR (village_code ~ '^[0-9]{6}[123][0-9]{3}$' AND left(village_code, 4) = region_code))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency DROP CONSTRAINT agency_village_in_region`);
    await q.query(`ALTER TABLE agency DROP COLUMN village_code`);
  }
}
