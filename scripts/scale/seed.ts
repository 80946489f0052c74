import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { BACKFILL_REPEAT_FLAG } from '../../src/database/migrations/1764996000000-StoredRepeatFlag';
import { seedDemoRegion } from '../../src/users/demo-seed';
import type { SeedSizes } from './seed-sql';
import {
  STAGING_TABLES,
  caseSql,
  escalationSql,
  eventSkeletonSql,
  factSql,
  fillerSql,
  ledgerChunkSql,
  monitoringSql,
  planSql,
  repatriationSql,
  repeatSql,
  stateSql,
  staySql,
  taskSql,
} from './seed-sql';

/**
 * The scale seed shared by `npm run bench:reports` (issue 14) and `npm run bench:scale` (issue 15): a
 * whole province's three years of cases, their summary tables, read model, person registry and ledger,
 * generated in SQL (scripts/scale/seed-sql.ts) into one schema. The schema (`bench_scale` by default) is
 * kept between runs and reused when it already holds a seed of the same size and version from the last
 * 14 days; otherwise it is dropped and seeded again. Migrations run every time (a new index migration
 * lands on the seeded tables). docs/performance.md describes the shape.
 */
export const SEED_VERSION = 2;
export const SCALE_SCHEMA = 'bench_scale';
/** The tables the seed fills; their indexes and keys are dropped before the load and rebuilt after it. */
/** The trigger that keeps case_view.is_repeat (migration StoredRepeatFlag), off while loading. */
const REPEAT_TRIGGERS = [['case_person', 'case_person_repeats']] as const;
const LOADED_TABLES = ['case_view', 'person', 'case_person', 'case_event', 'case_ledger_head', 'report_case', 'report_stage', 'report_task', 'report_escalation', 'report_monitoring'];
const CHUNK = 50_000;

export interface SeedOptions {
  url: string;
  schema?: string;
  cases: number;
  events: number;
  /** Password of the demo users (supervisor of 3514, supervisor-jatim of 35, …). */
  password: string;
  /** Seed again even when a matching seed is there. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface SeedResult {
  schema: string;
  reused: boolean;
  seededAt: string;
  steps: { step: string; seconds: number }[];
  totalSeconds: number;
  rows: Record<string, number>;
  databaseBytes: number;
  schemaBytes: number;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
};

/** Seeds (or reuses) the scale schema and returns what it holds. */
export async function seedScale(o: SeedOptions): Promise<SeedResult> {
  if (!Number.isInteger(o.cases) || o.cases < 100 || !Number.isInteger(o.events) || o.events < 0) throw new Error('cases must be an integer ≥ 100 and events an integer ≥ 0');
  const schema = o.schema ?? SCALE_SCHEMA;
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const pg = new Client({ connectionString: o.url, options: `-c search_path=${schema},public` });
  await pg.connect();
  try {
    const previous = o.force ? null : await existingSeed(pg, schema);
    if (previous !== null && previous.cases === o.cases && previous.events === o.events && previous.version === SEED_VERSION && Date.now() - Date.parse(previous.seededAt) < 14 * 86_400_000) {
      log(`seed: reusing schema ${schema} (${o.cases} cases, ${o.events} events, seeded ${previous.seededAt})`);
      const applied = await runMigrations({ url: o.url, schema, poolSize: 1 });
      // A migration that rewrote rows leaves dead tuples and clears the visibility map (index-only scans
      // visit the table again) until autovacuum comes: vacuum now, so the figures measure the steady state.
      if (applied.length > 0) {
        log(`seed: ${applied.join(', ')} applied: VACUUM (ANALYZE) of the loaded tables`);
        for (const t of LOADED_TABLES) await pg.query(`VACUUM (ANALYZE) ${t}`);
      }
      return { ...(await describe(pg, schema)), schema, reused: true, seededAt: previous.seededAt, steps: previous.steps, totalSeconds: previous.totalSeconds };
    }
    const steps: { step: string; seconds: number }[] = [];
    const started = performance.now();
    const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
      const t0 = performance.now();
      log(`seed: ${name} …`);
      await work();
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      steps.push({ step: name, seconds });
      log(`seed: ${name} done in ${seconds} s`);
    };
    const seededAt = new Date().toISOString();
    const sizes: SeedSizes = { cases: o.cases, events: o.events, now: seededAt };
    await step('schema, migrations, demo users', async () => {
      await pg.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
      await runMigrations({ url: o.url, schema, poolSize: 1 });
      await seedDemoRegion({ url: o.url, schema, poolSize: 1 }, o.password, 'test');
    });
    await pg.query(`SET synchronous_commit = off`);
    await pg.query(`SET work_mem = '256MB'`);
    await pg.query(`SET maintenance_work_mem = '1GB'`);
    await pg.query(`SET max_parallel_maintenance_workers = 2`);
    const rebuild = await dropKeysAndIndexes(pg, schema);
    // The repeat flag's triggers would run once per loaded row (without indexes): set it in one pass after.
    for (const [table, trigger] of REPEAT_TRIGGERS) await pg.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await step('plan cases (staging)', () => pg.query(planSql(sizes)));
    await step('repeat persons (staging)', async () => {
      for (const sql of repeatSql) await pg.query(sql);
    });
    await step('case facts (staging)', () => pg.query(caseSql));
    await step('stays (staging)', () => pg.query(staySql(sizes)));
    await step('case state (staging)', () => pg.query(stateSql));
    await step('tasks (staging)', () => pg.query(taskSql(sizes)));
    await step('escalations, visits, repatriations (staging)', async () => {
      await pg.query(escalationSql(sizes));
      await pg.query(monitoringSql(sizes));
      await pg.query(repatriationSql);
    });
    let natural = 0;
    await step('ledger entries implied by the facts (staging)', async () => {
      await pg.query(eventSkeletonSql(sizes));
      natural = Number((await pg.query<{ n: string }>(`SELECT count(*) AS n FROM bench_event`)).rows[0]!.n);
      log(`seed: ${natural} entries implied by the facts, ${Math.max(0, o.events - natural)} task deliveries added`);
      await pg.query(fillerSql(sizes, natural));
      await pg.query(`CREATE INDEX ON bench_event (n)`);
      await pg.query(`CREATE UNLOGGED TABLE bench_count AS SELECT n, count(*)::int AS events FROM bench_event GROUP BY n`);
      await pg.query(`CREATE UNIQUE INDEX ON bench_count (n)`);
      await pg.query(`CREATE UNIQUE INDEX ON bench_case (n)`);
    });
    for (const f of factSql(sizes)) await step(f.name, () => pg.query(f.sql));
    await step('case_event, report_escalation, report_monitoring', async () => {
      for (let from = 1; from <= o.cases; from += CHUNK) {
        const to = Math.min(o.cases, from + CHUNK - 1);
        const t0 = performance.now();
        const r = await pg.query(ledgerChunkSql(from, to));
        log(`seed:   cases ${from}–${to}: ${r.rowCount} entries in ${Math.round(performance.now() - t0)} ms`);
      }
    });
    await step('drop staging', async () => {
      for (const t of STAGING_TABLES) await pg.query(`DROP TABLE IF EXISTS ${t}`);
    });
    await step('keys and indexes', async () => {
      for (const sql of rebuild) {
        const t0 = performance.now();
        await pg.query(sql);
        log(`seed:   ${Math.round(performance.now() - t0)} ms  ${sql.slice(0, 110)}`);
      }
    });
    await step('repeat flags', async () => {
      await pg.query(BACKFILL_REPEAT_FLAG);
      for (const [table, trigger] of REPEAT_TRIGGERS) await pg.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    });
    await step('vacuum analyze', async () => {
      for (const t of LOADED_TABLES) await pg.query(`VACUUM (ANALYZE) ${t}`);
    });
    const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
    await pg.query(`CREATE TABLE bench_seed (cases integer NOT NULL, events integer NOT NULL, version integer NOT NULL, seeded_at timestamptz NOT NULL, steps jsonb NOT NULL, total_seconds real NOT NULL)`);
    await pg.query(`INSERT INTO bench_seed VALUES ($1, $2, $3, $4, $5, $6)`, [o.cases, o.events, SEED_VERSION, seededAt, JSON.stringify(steps), totalSeconds]);
    log(`seed: done in ${totalSeconds} s`);
    return { ...(await describe(pg, schema)), schema, reused: false, seededAt, steps, totalSeconds };
  } finally {
    await pg.end();
  }
}

async function existingSeed(pg: Client, schema: string): Promise<{ cases: number; events: number; version: number; seededAt: string; steps: { step: string; seconds: number }[]; totalSeconds: number } | null> {
  const { rows } = await pg.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [`${schema}.bench_seed`]);
  if (rows[0]?.t === null || rows[0]?.t === undefined) return null;
  const seed = await pg.query<{ cases: number; events: number; version: number; seeded_at: Date; steps: { step: string; seconds: number }[]; total_seconds: number }>(`SELECT * FROM ${ident(schema)}.bench_seed LIMIT 1`);
  const s = seed.rows[0];
  return s === undefined ? null : { cases: s.cases, events: s.events, version: s.version, seededAt: s.seeded_at.toISOString(), steps: s.steps, totalSeconds: s.total_seconds };
}

/**
 * Drops the foreign keys touching the loaded tables, then their primary keys, unique constraints and
 * indexes, and returns the statements that put every one back (keys first, then indexes, then foreign keys).
 */
async function dropKeysAndIndexes(pg: Client, schema: string): Promise<string[]> {
  const tables = LOADED_TABLES.map((t) => `${schema}.${t}`);
  const fks = await pg.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND connamespace = $1::regnamespace AND (conrelid::regclass::text = ANY($2) OR confrelid::regclass::text = ANY($2) OR conrelid::regclass::text = ANY($3) OR confrelid::regclass::text = ANY($3))`,
    [schema, tables, LOADED_TABLES],
  );
  const keys = await pg.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype IN ('p', 'u') AND connamespace = $1::regnamespace AND conrelid::regclass::text IN (SELECT unnest($2::text[]) UNION SELECT unnest($3::text[]))`,
    [schema, tables, LOADED_TABLES],
  );
  const indexes = await pg.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = $1 AND i.tablename = ANY($2) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [schema, LOADED_TABLES],
  );
  for (const f of fks.rows) await pg.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${ident(f.name)}`);
  for (const k of keys.rows) await pg.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${ident(k.name)}`);
  for (const i of indexes.rows) await pg.query(`DROP INDEX ${ident(schema)}.${ident(i.name)}`);
  return [
    ...keys.rows.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT ${ident(k.name)} ${k.def}`),
    ...indexes.rows.map((i) => i.def),
    ...fks.rows.map((f) => `ALTER TABLE ${f.tbl} ADD CONSTRAINT ${ident(f.name)} ${f.def}`),
  ];
}

async function describe(pg: Client, schema: string): Promise<{ rows: Record<string, number>; databaseBytes: number; schemaBytes: number }> {
  const rows: Record<string, number> = {};
  for (const t of LOADED_TABLES) rows[t] = Number((await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(schema)}.${t}`)).rows[0]!.n);
  const db = await pg.query<{ b: string }>(`SELECT pg_database_size(current_database()) AS b`);
  const own = await pg.query<{ b: string }>(`SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) AS b FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'm')`, [schema]);
  return { rows, databaseBytes: Number(db.rows[0]!.b), schemaBytes: Number(own.rows[0]!.b) };
}
