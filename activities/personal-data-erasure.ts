import type { EntityManager } from 'typeorm';
import type { LedgerActor } from '../workflows/contracts/ledger';
import type { LedgerCase } from './person-ledger';
import { LEDGER_CASE_COLUMNS, recordPersonEvent } from './person-ledger';

/**
 * Erasure by key destruction (UU 27/2022 Pasal 42–43, docs/personal-data.md), the writes only: the API's
 * erasure (a supervisor's decision, after its checks) and the retention sweep (Sinergi's own, when the
 * period is over) both call these, inside their own transaction, with the rows already locked.
 */

/** What an erased value reads as, and what an erased person's name column holds (NOT NULL). */
export const ERASED_TEXT = '[dihapus]';

/**
 * Why a person's data is erased (UU 27/2022; the erasure DTO's enum, the person row's CHECK):
 * `SUBJECT_REQUEST` the person asked (Pasal 43), `RETENTION_EXPIRED` the retention period ended (Pasal 42;
 * the retention sweep's basis), `PURPOSE_FULFILLED` the purpose of processing is met, `CONSENT_WITHDRAWN`
 * the person withdrew consent (Pasal 40).
 */
export const ERASURE_BASES = ['SUBJECT_REQUEST', 'RETENTION_EXPIRED', 'PURPOSE_FULFILLED', 'CONSENT_WITHDRAWN'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** A person's case with what erasure checks of it. */
export interface PersonCase extends LedgerCase {
  stage: string;
  closed_at: Date | null;
}

/**
 * Every case of the person: their own links and those of the records merged into them (a merge moves
 * the links, so the latter are normally none; counted all the same so no case escapes an erasure).
 */
export async function casesOfPerson(m: EntityManager, personId: string): Promise<{ personIds: string[]; cases: PersonCase[] }> {
  const family = await m.query<{ id: string }[]>(
    `WITH RECURSIVE fam AS (SELECT id FROM person WHERE id = $1 UNION SELECT p.id FROM person p JOIN fam ON p.merged_into = fam.id) SELECT id FROM fam ORDER BY id`,
    [personId],
  );
  const personIds = family.map((r) => r.id);
  const cases = await m.query<PersonCase[]>(
    `SELECT ${LEDGER_CASE_COLUMNS}, c.stage, CASE WHEN c.stage = 'CLOSED' THEN coalesce(c.stage_entered_at, c.opened_at) END AS closed_at
     FROM case_person l JOIN case_view c ON c.id = l.case_id WHERE l.person_id = ANY($1::uuid[]) ORDER BY c.id`,
    [personIds],
  );
  return { personIds, cases };
}

/**
 * Destroys the data keys of these cases: every copy sealed under them can no longer be opened. A case
 * without a key (opened before keys existed) gets a destroyed one, so nothing is sealed for it again
 * under a fresh key. Returns how many keys were still alive.
 */
export async function destroyDataKeys(m: EntityManager, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const alive = await m.query<unknown[]>(`SELECT 1 FROM data_key WHERE case_id = ANY($1::uuid[]) AND wrapped IS NOT NULL`, [[...caseIds]]);
  await m.query(
    `INSERT INTO data_key (id, case_id, master_key_id, wrapped, destroyed_at)
     SELECT gen_random_uuid(), c, 'none', NULL, clock_timestamp() FROM unnest($1::uuid[]) AS c
     ON CONFLICT (case_id) DO UPDATE SET wrapped = NULL, destroyed_at = coalesce(data_key.destroyed_at, clock_timestamp())`,
    [[...caseIds]],
  );
  return alive.length;
}

/**
 * The read model of erased cases keeps sex and age only: a case opened before sealing may still hold its
 * person (and a closure note) in clear there, written back by a workflow that started before the upgrade.
 */
async function stripReadModel(m: EntityManager, caseIds: readonly string[]): Promise<void> {
  await m.query(
    `UPDATE case_view SET
       person = jsonb_strip_nulls(jsonb_build_object('sex', person->'sex', 'approximateAge', person->'approximateAge', 'sealed', person->'sealed')),
       closure = CASE WHEN jsonb_typeof(closure->'note') = 'string' THEN jsonb_set(closure, '{note}', to_jsonb($2::text)) ELSE closure END
     WHERE id = ANY($1::uuid[])`,
    [[...caseIds], ERASED_TEXT],
  );
}

/** The person as given when each of these cases was opened, emptied (the row stays, marked erased). */
async function emptyCaseSubjects(m: EntityManager, caseIds: readonly string[]): Promise<void> {
  await m.query(
    `UPDATE case_subject SET name = NULL, nik = NULL, birth_date = NULL, guardian = NULL, erased_at = coalesce(erased_at, clock_timestamp()) WHERE case_id = ANY($1::uuid[])`,
    [[...caseIds]],
  );
}

export interface PersonErasure {
  /** The person erased (the ledger's `personId`). */
  personId: string;
  /** The person and the records merged into them (`casesOfPerson`), locked by the caller. */
  personIds: string[];
  cases: LedgerCase[];
  actor: LedgerActor;
  legalBasis: ErasureBasis;
  /** Kept on the person row only (shown in the data report), never in the ledger: it may name the person. */
  reason: string;
}

/**
 * Erases a person: the rows keep only sex, birth year and region (name `[dihapus]`), each case's subject is
 * emptied, each case's data key destroyed, and each case's ledger gets `personErased` with the legal basis
 * and the actor. Irreversible; the caller has locked the rows and decided the erasure is due.
 */
export async function erasePersonData(m: EntityManager, e: PersonErasure): Promise<void> {
  const caseIds = e.cases.map((c) => c.id);
  await m.query(
    `UPDATE person SET name = $2, aliases = '{}', nik = NULL, birth_date = NULL, origin_region_code = NULL,
       guardian_name = NULL, guardian_relation = NULL, guardian_contact = NULL,
       erased_at = clock_timestamp(), erased_by_id = $3, erased_by_name = $4, erasure_basis = $5, erasure_reason = $6
     WHERE id = ANY($1::uuid[])`,
    [e.personIds, ERASED_TEXT, e.actor.id, e.actor.name, e.legalBasis, e.reason],
  );
  await emptyCaseSubjects(m, caseIds);
  await stripReadModel(m, caseIds);
  await destroyDataKeys(m, caseIds);
  const now = new Date();
  for (const kase of e.cases) await recordPersonEvent(m, e.actor, kase, 'personErased', `person data erased (${e.legalBasis})`, { personId: e.personId, legalBasis: e.legalBasis }, now);
}

/**
 * Erases the person as given at opening from a case never linked to a registered person: the subject
 * emptied, the data key destroyed, `caseSubjectErased` with the legal basis in the case's ledger.
 */
export async function eraseCaseSubject(m: EntityManager, kase: LedgerCase, actor: LedgerActor, legalBasis: ErasureBasis): Promise<void> {
  await emptyCaseSubjects(m, [kase.id]);
  await stripReadModel(m, [kase.id]);
  await destroyDataKeys(m, [kase.id]);
  await recordPersonEvent(m, actor, kase, 'caseSubjectErased', `case subject erased (${legalBasis})`, { legalBasis }, new Date());
}
