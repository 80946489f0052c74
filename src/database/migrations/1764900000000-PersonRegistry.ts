import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person registry (issue 12): one row per person, whatever the number of their cases, and the
 * decision that ties a case to its person (one person, many cases). Merges keep the links they moved so
 * an undo restores exactly those. Names are found by pg_trgm similarity over a normalised key
 * (`sinergi_name_key`: letters only, lower case, old spellings oe/dj/tj/ch/kh, y → i, doubled letters
 * once), so "Muhamad Rizki" finds "Muhammad Rizky". See docs/persons.md.
 *
 * pg_trgm lives in one schema per database (public unless it was installed elsewhere), while Sinergi's
 * tables live in their own schema (one per test run): the functions below name the extension's schema,
 * so reads need not have it on their search path.
 */
export class PersonRegistry1764900000000 implements MigrationInterface {
  name = 'PersonRegistry1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Two schemas migrating at once may both try to create it: the loser finds it there.
    await q.query(`
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
      END $$`);
    const [ext] = (await q.query(`SELECT quote_ident(extnamespace::regnamespace::text) AS s FROM pg_extension WHERE extname = 'pg_trgm'`)) as { s: string }[];
    const [own] = (await q.query(`SELECT quote_ident(current_schema()) AS s`)) as { s: string }[];
    const trgm = (ext as { s: string }).s;
    const schema = (own as { s: string }).s;
    // The application role calls the extension's functions; public is usable by everyone already (no grant
    // needed, and the migrating user may not own it).
    await q.query(`
      DO $$ BEGIN
        IF NOT has_schema_privilege('sinergi_app', '${trgm.replace(/'/g, "''")}', 'USAGE') THEN
          EXECUTE 'GRANT USAGE ON SCHEMA ${trgm.replace(/'/g, "''")} TO sinergi_app';
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION ${schema}.sinergi_name_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
          lower(t), '[^a-z]+', ' ', 'g'), 'oe', 'u', 'g'), 'dj', 'j', 'g'), 'tj', 'c', 'g'), '[ck]h', 'h', 'g'), 'y', 'i', 'g'),
          '([a-z])\\1+', '\\1', 'g'), '\\s+', ' ', 'g'))
      $$`);
    // Written together or apart ("Nur Hidayat", "Nurhidayat"): the better of both readings.
    await q.query(`
      CREATE FUNCTION ${schema}.sinergi_name_similarity(a text, b text) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT greatest(
          ${trgm}.similarity(${schema}.sinergi_name_key(a), ${schema}.sinergi_name_key(b)),
          ${trgm}.similarity(replace(${schema}.sinergi_name_key(a), ' ', ''), replace(${schema}.sinergi_name_key(b), ' ', '')))
      $$`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        sex text NOT NULL CHECK (sex IN ('L', 'P')),
        birth_date date,
        birth_year integer NOT NULL CHECK (birth_year BETWEEN 1880 AND 2200),
        birth_year_approximate boolean NOT NULL,
        nik char(16) CHECK (nik ~ '^[0-9]{16}$'),
        region_code varchar(4) NOT NULL,
        origin_region_code varchar(4),
        guardian_name text,
        guardian_relation text,
        guardian_contact text,
        created_by_id text NOT NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        merged_into uuid REFERENCES person (id),
        merged_at timestamptz,
        CHECK ((merged_into IS NULL) = (merged_at IS NULL)),
        CHECK (merged_into IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE INDEX person_name_trgm_idx ON person USING gin (${schema}.sinergi_name_key(name) ${trgm}.gin_trgm_ops)`);
    await q.query(`CREATE INDEX person_nik_idx ON person (nik) WHERE nik IS NOT NULL`);
    await q.query(`CREATE INDEX person_region_idx ON person (region_code, sex, birth_year)`);
    await q.query(`
      CREATE TABLE case_person (
        case_id uuid PRIMARY KEY REFERENCES case_view (id),
        person_id uuid NOT NULL REFERENCES person (id),
        decision text NOT NULL CHECK (decision IN ('LINKED_EXISTING', 'NEW_PERSON')),
        decided_by_id text NOT NULL,
        decided_by_name text NOT NULL,
        decided_by_role text NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX case_person_person_idx ON case_person (person_id)`);
    await q.query(`
      CREATE TABLE person_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id),
        merged_person_id uuid NOT NULL REFERENCES person (id),
        moved jsonb NOT NULL,
        merged_by_id text NOT NULL,
        merged_by_name text NOT NULL,
        merged_at timestamptz NOT NULL,
        undone_by_id text,
        undone_by_name text,
        undone_at timestamptz
      )`);
    // A request refused by scope may now target a person (security log, docs/security.md).
    await q.query(`ALTER TABLE security_event DROP CONSTRAINT security_event_target_kind_check`);
    await q.query(`ALTER TABLE security_event ADD CONSTRAINT security_event_target_kind_check CHECK (target_kind IN ('case', 'task', 'user', 'agency', 'credential', 'person'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE security_event DROP CONSTRAINT security_event_target_kind_check`);
    await q.query(`ALTER TABLE security_event ADD CONSTRAINT security_event_target_kind_check CHECK (target_kind IN ('case', 'task', 'user', 'agency', 'credential'))`);
    await q.query(`DROP TABLE person_merge, case_person, person`);
    await q.query(`DROP FUNCTION sinergi_name_similarity(text, text)`);
    await q.query(`DROP FUNCTION sinergi_name_key(text)`);
  }
}
