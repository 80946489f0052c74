import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data under per-person data keys (issue 13, docs/personal-data.md).
 *
 * - `data_key`: one AES-256 key per case's person, made when the case is opened, stored wrapped by the
 *   master key (`SINERGI_DATA_KEYS`). Erasure destroys it (`wrapped` NULL): every copy sealed under it
 *   (workflow state and history, ledger payloads and snapshots, task outcomes, the read model) becomes
 *   unreadable at once.
 * - `case_subject`: the person as given when the case was opened, in clear: part of the registry, the one
 *   guarded place (access-logged reads), where the case list's name search and the matcher look.
 *
 * Cases opened before this migration: their person moves from `case_view` into `case_subject` (without a
 * data key); their older ledger entries keep what they held (a hash chain is not rewritten).
 */
export class PersonalDataKeys1764960000000 implements MigrationInterface {
  name = 'PersonalDataKeys1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_key (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE,
        master_key_id text NOT NULL,
        wrapped bytea,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        destroyed_at timestamptz,
        CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE case_subject (
        case_id uuid PRIMARY KEY,
        data_key_id uuid REFERENCES data_key (id),
        name text,
        nik char(16),
        birth_date date,
        guardian jsonb,
        erased_at timestamptz,
        CHECK (erased_at IS NULL OR (name IS NULL AND nik IS NULL AND birth_date IS NULL AND guardian IS NULL))
      )`);
    await q.query(`CREATE INDEX case_subject_nik_idx ON case_subject (nik) WHERE nik IS NOT NULL`);
    await q.query(`
      INSERT INTO case_subject (case_id, name, nik, birth_date, guardian)
      SELECT id, person->>'name', person->>'nik', (person->>'birthDate')::date, person->'guardian' FROM case_view`);
    await q.query(`UPDATE case_view SET person = jsonb_build_object('sex', person->'sex', 'approximateAge', person->'approximateAge') WHERE person ? 'name'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE case_view c SET person = c.person || jsonb_strip_nulls(jsonb_build_object('name', s.name, 'nik', s.nik, 'birthDate', to_char(s.birth_date, 'YYYY-MM-DD'), 'guardian', s.guardian))
      FROM case_subject s WHERE s.case_id = c.id AND s.name IS NOT NULL`);
    await q.query(`DROP TABLE case_subject, data_key`);
  }
}
