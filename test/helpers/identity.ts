import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { App } from 'supertest/types';
import request from 'supertest';
import type { Role } from '../../workflows/contracts/actor';
import { hashPassword } from '../../src/auth/passwords';

/** Password of every user these helpers create. */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** An agency of a region (idempotent: the run's schema is shared by all test files). */
export async function createAgency(pool: Pool, code: string, regionCode: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO agency (code, region_code, name) VALUES ($1, $2, $3)
     ON CONFLICT (code, region_code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [code, regionCode, `${code} ${regionCode}`],
  );
  return (rows[0] as { id: string }).id;
}

/** A user with a unique name, straight into the database (the API path is tested on its own). */
export async function createUser(pool: Pool, role: Exclude<Role, 'AGENCY_SYSTEM'>, regionCode: string, agencyId: string | null = null) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `${role.toLowerCase().replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, role, region_code, agency_id) VALUES ($1, $1, $2, $3, $4, $5) RETURNING id`,
    [username, await passwordHash, role, regionCode, agencyId],
  );
  return { id: (rows[0] as { id: string }).id, username };
}

/** Logs in through the real endpoint and returns the access token. */
export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await request(app).post('/auth/login').send({ username, password }).expect(200);
  return (res.body as { accessToken: string }).accessToken;
}

/** A user created and logged in: the usual way a test gets an authenticated caller. */
export async function signedIn(app: App, pool: Pool, role: Exclude<Role, 'AGENCY_SYSTEM'>, regionCode: string, agencyId: string | null = null) {
  const user = await createUser(pool, role, regionCode, agencyId);
  return { ...user, token: await login(app, user.username) };
}

/**
 * An agency API key the way the API issues one (two-person rule): an admin issues it, a supervisor of
 * the agency's region confirms it and receives the key. Answers the key id and the key (`X-Api-Key`).
 */
export async function issuedAgencyKey(app: App, agencyId: string, label: string, tokens: { admin: string; supervisor: string }): Promise<{ keyId: string; apiKey: string }> {
  const issued = await request(app).post(`/agencies/${agencyId}/credentials`).auth(tokens.admin, { type: 'bearer' }).send({ label }).expect(201);
  const { keyId } = issued.body as { keyId: string };
  const confirmed = await request(app).post(`/agencies/${agencyId}/credentials/${keyId}/confirm`).auth(tokens.supervisor, { type: 'bearer' }).expect(200);
  return { keyId, apiKey: (confirmed.body as { apiKey: string }).apiKey };
}
