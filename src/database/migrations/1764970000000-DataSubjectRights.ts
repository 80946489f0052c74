import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-subject rights on the person registry (issue 13, UU 27/2022, docs/personal-data.md).
 *
 * - Erasure (Pasal 43): the person row keeps only what statistics need (sex, birth year, region); its
 *   name reads `[dihapus]` (the column stays NOT NULL: every reader gets a string, none a name), every
 *   other personal field is emptied. Who erased, when, on which legal basis and why are kept on the row:
 *   the reason is free text that may name the person, so it stays here (the one guarded place) and never
 *   reaches the ledger.
 * - Restriction of processing and legal hold (Pasal 41): set or not, with who, when and why; lifting
 *   clears them (each change is a ledger entry on the person's cases).
 */
export class DataSubjectRights1764970000000 implements MigrationInterface {
  name = 'DataSubjectRights1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person
        ADD COLUMN erased_at timestamptz,
        ADD COLUMN erased_by_id text,
        ADD COLUMN erased_by_name text,
        ADD COLUMN erasure_basis text CHECK (erasure_basis IN ('SUBJECT_REQUEST', 'RETENTION_EXPIRED', 'PURPOSE_FULFILLED', 'CONSENT_WITHDRAWN')),
        ADD COLUMN erasure_reason text,
        ADD COLUMN restricted_at timestamptz,
        ADD COLUMN restricted_by_id text,
        ADD COLUMN restricted_by_name text,
        ADD COLUMN restriction_reason text,
        ADD COLUMN legal_hold_at timestamptz,
        ADD COLUMN legal_hold_by_id text,
        ADD COLUMN legal_hold_by_name text,
        ADD COLUMN legal_hold_kind text CHECK (legal_hold_kind IN ('CHILD_PROTECTION_PROCEEDINGS', 'LAW_ENFORCEMENT', 'OTHER')),
        ADD COLUMN legal_hold_reason text,
        ADD CONSTRAINT person_erasure_complete CHECK (
          (erased_at IS NULL AND erased_by_id IS NULL AND erasure_basis IS NULL AND erasure_reason IS NULL)
          OR (erased_at IS NOT NULL AND erased_by_id IS NOT NULL AND erased_by_name IS NOT NULL AND erasure_basis IS NOT NULL AND erasure_reason IS NOT NULL
              AND name = '[dihapus]' AND aliases = '{}' AND nik IS NULL AND birth_date IS NULL AND origin_region_code IS NULL
              AND guardian_name IS NULL AND guardian_relation IS NULL AND guardian_contact IS NULL)),
        ADD CONSTRAINT person_restriction_complete CHECK ((restricted_at IS NULL) = (restricted_by_id IS NULL) AND (restricted_at IS NULL) = (restriction_reason IS NULL)),
        ADD CONSTRAINT person_legal_hold_complete CHECK ((legal_hold_at IS NULL) = (legal_hold_by_id IS NULL) AND (legal_hold_at IS NULL) = (legal_hold_kind IS NULL) AND (legal_hold_at IS NULL) = (legal_hold_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person
        DROP CONSTRAINT person_erasure_complete, DROP CONSTRAINT person_restriction_complete, DROP CONSTRAINT person_legal_hold_complete,
        DROP COLUMN erased_at, DROP COLUMN erased_by_id, DROP COLUMN erased_by_name, DROP COLUMN erasure_basis, DROP COLUMN erasure_reason,
        DROP COLUMN restricted_at, DROP COLUMN restricted_by_id, DROP COLUMN restricted_by_name, DROP COLUMN restriction_reason,
        DROP COLUMN legal_hold_at, DROP COLUMN legal_hold_by_id, DROP COLUMN legal_hold_by_name, DROP COLUMN legal_hold_kind, DROP COLUMN legal_hold_reason`);
  }
}
