import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createApiApp } from '../../src/api/create-api-app';
import { loadConfig, projectRoot } from '../../src/config/app-config';

/**
 * What `npm run bench:reports` (issue 14) and `npm run bench:scale` (issue 15) share: the API started
 * in-process against the scale schema, signing in, timing sequential HTTP requests after a warm-up
 * (p50, p95, max; a non-200 answer stops the bench), and the facts of the machine and database the
 * figures come from.
 */
export const WARM_UP = 3;

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query string. */
  path: string;
  /** JSON body of a POST. */
  body?: unknown;
}

export interface Stats {
  p50: number;
  p95: number;
  max: number;
  /** The last answer's body as text, decoded after the clock stopped. */
  lastBody: string;
}

/** The API of this process on a free port, against `schema` (no Temporal: the read routes never reach it, and its connection is lazy). */
export async function startApi(url: string, schema: string): Promise<{ api: INestApplication; base: string }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_WORKFLOW_BUNDLE: join(projectRoot(), 'dist', 'workflow-bundle.js'), DATABASE_URL: url, DATABASE_SCHEMA: schema, PORT: '0' });
  const api = await createApiApp(config);
  try {
    await api.listen(0, '127.0.0.1');
    return { api, base: await api.getUrl() };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/** Signs in and returns the bearer token. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200 && r.status !== 201) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** Sends the request once and returns its body; anything but 200 throws with the route and status. */
async function send(base: string, token: string, req: HttpRequest): Promise<ArrayBuffer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}${req.path}`, { method: req.method, headers, ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}) });
  const body = await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${req.method} ${req.path}: ${r.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return body;
}

/** `WARM_UP` untimed requests, then `requests` timed ones in sequence. */
export async function timeRequests(base: string, token: string, req: HttpRequest, requests: number): Promise<Stats> {
  for (let i = 0; i < WARM_UP; i++) await send(base, token, req);
  const ms: number[] = [];
  let last = new ArrayBuffer(0);
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    last = await send(base, token, req);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round1(percentile(ms, 50)), p95: round1(percentile(ms, 95)), max: round1(ms[ms.length - 1] ?? NaN), lastBody: Buffer.from(last).toString('utf8') };
}

export interface Environment {
  commit: string;
  machine: { cores: number; cpu: string; memoryGiB: number };
  postgres: { version: string; settings: { name: string; setting: string; unit: string | null }[] };
}

/** The commit, the machine and the PostgreSQL server (version and the settings that move these figures). */
export async function environment(url: string): Promise<Environment> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const version = (await pg.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const settings = (await pg.query<{ name: string; setting: string; unit: string | null }>(`SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather')`)).rows;
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot() }).toString().trim();
    return { commit, machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: round1(totalmem() / 2 ** 30) }, postgres: { version, settings } };
  } finally {
    await pg.end();
  }
}

export const gib = (bytes: number): string => `${round1(bytes / 2 ** 30)} GiB`;
