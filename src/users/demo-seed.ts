import { DataSource } from 'typeorm';
import { AGENCY_NAMES, KNOWN_AGENCY_CODES } from '../../workflows/domain/agency-codes';
import { hashPassword } from '../auth/passwords';
import type { NodeEnv } from '../config/app-config';
import type { DatabaseSettings } from '../database/data-source';
import { dataSourceOptions } from '../database/data-source';

/** Kabupaten Pasuruan, the first source region (pmks-domain, seed 000). */
export const DEMO_REGION = '3514';
/** Pasuruan's agencies: every known code but Bantaeng's regency unit (pmks-domain §5.2: the SLRT path is Bantaeng's). */
const DEMO_REGION_AGENCY_CODES = KNOWN_AGENCY_CODES.filter((code) => code !== 'UPT_SPMKS');
/** Jawa Timur, the demo region's province: its admin and supervisor onboard other regencies (docs/onboarding.md). */
export const DEMO_PROVINCE = '35';
export const DEMO_STAFF = [
  ['admin', 'ADMIN', 'Admin Demo', DEMO_REGION],
  ['supervisor', 'SUPERVISOR', 'Supervisor Demo', DEMO_REGION],
  ['caseworker', 'CASE_WORKER', 'Pekerja Sosial Demo', DEMO_REGION],
  ['auditor', 'AUDITOR', 'Auditor Demo', DEMO_REGION],
  ['admin-jatim', 'ADMIN', 'Admin Provinsi Jawa Timur', DEMO_PROVINCE],
  ['supervisor-jatim', 'SUPERVISOR', 'Supervisor Provinsi Jawa Timur', DEMO_PROVINCE],
] as const;

/**
 * Kabupaten Bantaeng (pmks-domain §5.2, seed 003): the SLRT path — village Puskesos take complaints in
 * and refer them to the UPT SPMKS "Sipakatau" (protocol 7303 v2). One PUSKESOS agency, two officers
 * posted in two villages. The village codes are demo values of the right shape (desa 2005 and 2006 in
 * kecamatan 73.03.02), not checked Kemendagri entries.
 */
export const DEMO_SLRT_REGION = '7303';
export const DEMO_SLRT_VILLAGE = '7303022005';
export const DEMO_SLRT_SECOND_VILLAGE = '7303022006';
/** Agency code, name, and its officers: username and post (village) or null. */
const DEMO_SLRT_AGENCIES = [
  ['PUSKESOS', 'Puskesos Kabupaten Bantaeng', [['puskesos_bantaeng', DEMO_SLRT_VILLAGE], ['puskesos_bantaeng2', DEMO_SLRT_SECOND_VILLAGE]]],
  ['UPT_SPMKS', 'UPT SPMKS "Sipakatau" Kabupaten Bantaeng', [['upt_spmks_bantaeng', null]]],
] as const;

/**
 * Seeds the demo region when no user exists yet: its agencies, one user per role (and the province's
 * admin and supervisor, `admin-jatim` and `supervisor-jatim`), and one officer per
 * agency named after the agency code in lower case (`dinkes`, `satpol_pp`, …). Returns the usernames
 * created (empty when users already existed). Refused in production, whoever calls it: demo users
 * with a documented password would be a way in (docs/security.md "Deployment safeguards").
 */
export async function seedDemoRegion(db: DatabaseSettings, password: string, nodeEnv: NodeEnv): Promise<string[]> {
  if (nodeEnv === 'production') throw new DemoSeedRefused();
  const passwordHash = await hashPassword(password);
  const dataSource = await new DataSource(dataSourceOptions({ ...db, poolSize: 1 })).initialize();
  try {
    return await dataSource.transaction(async (m) => {
      const [{ n }] = await m.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM app_user`);
      if (n > 0) return [];
      const usernames: string[] = [];
      const addUser = async (username: string, role: string, displayName: string, regionCode: string, agencyId: string | null) => {
        await m.query(
          `INSERT INTO app_user (username, display_name, password_hash, role, region_code, agency_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [username, displayName, passwordHash, role, regionCode, agencyId],
        );
        usernames.push(username);
      };
      for (const [username, role, displayName, regionCode] of DEMO_STAFF) await addUser(username, role, displayName, regionCode, null);
      for (const code of DEMO_REGION_AGENCY_CODES) {
        const [{ id }] = await m.query<[{ id: string }]>(
          `INSERT INTO agency (code, region_code, name) VALUES ($1, $2, $3)
           ON CONFLICT (code, region_code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
          [code, DEMO_REGION, `${AGENCY_NAMES[code]} Kabupaten Pasuruan`],
        );
        await addUser(code.toLowerCase(), 'AGENCY_OFFICER', `Petugas ${code}`, DEMO_REGION, id);
      }
      await seedSlrtRegion(async (username, role, displayName, agencyId, villageCode = null) => {
        await m.query(
          `INSERT INTO app_user (username, display_name, password_hash, role, region_code, agency_id, village_code) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [username, displayName, passwordHash, role, DEMO_SLRT_REGION, agencyId, villageCode],
        );
        usernames.push(username);
      }, (text, params) => m.query(text, params));
      return usernames;
    });
  } finally {
    await dataSource.destroy();
  }
}

/** Thrown when demo users are asked for in production; nothing is written. */
export class DemoSeedRefused extends Error {
  constructor() {
    super('demo users are never seeded in production');
    this.name = 'DemoSeedRefused';
  }
}

type AddUser = (username: string, role: string, displayName: string, agencyId: string | null, villageCode?: string | null) => Promise<void>;
type Query = <T>(text: string, params: unknown[]) => Promise<T>;

/** Bantaeng's Puskesos (two officers, each posted in a village) and UPT SPMKS, and a case worker and supervisor of the region. */
async function seedSlrtRegion(addUser: AddUser, query: Query): Promise<void> {
  for (const [code, name, officers] of DEMO_SLRT_AGENCIES) {
    const [{ id }] = await query<[{ id: string }]>(
      `INSERT INTO agency (code, region_code, name) VALUES ($1, $2, $3)
       ON CONFLICT (code, region_code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [code, DEMO_SLRT_REGION, name],
    );
    for (const [username, villageCode] of officers) {
      await addUser(username, 'AGENCY_OFFICER', villageCode === null ? `Petugas ${code} Bantaeng` : `Petugas ${code} Desa ${villageCode.slice(6)}`, id, villageCode);
    }
  }
  await addUser('caseworker_bantaeng', 'CASE_WORKER', 'Pekerja Sosial Bantaeng', null);
  await addUser('supervisor_bantaeng', 'SUPERVISOR', 'Supervisor Bantaeng', null);
}
