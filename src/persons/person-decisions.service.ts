import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { PersonInput } from '../../workflows/contracts/case';
import { checkNik } from '../../workflows/domain/nik';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { SecurityLog } from '../security-log/security-log.service';
import { CaseRepeats } from './case-repeats.service';
import type { CasePersonResponse, PersonCandidatesResponse, PersonDecision } from './dto/person.response';
import type { DecidePersonDto } from './dto/person-requests.dto';
import type { LedgerCase } from '../../activities/person-ledger';
import { LEDGER_CASE_COLUMNS, recordPersonEvent } from '../../activities/person-ledger';
import { birthYearOf, PersonMatcher } from './person-matcher.service';
import { RepeatNotices } from './repeat-notices.service';
import { CASE_PERSON_SQL } from '../personal-data/case-subject';
import { personErased, processingRestricted } from './person-rights-rows';

interface CaseRow extends LedgerCase {
  person: PersonInput;
  /** The person as given at opening was erased: there is nobody left to match or register. */
  subject_erased: boolean;
  origin_region_code: string | null;
  opened_at: Date;
}

const caseAbsent = () => new DomainError('CASE_NOT_FOUND', 'No case with this id');
export const personAbsent = () => new DomainError('PERSON_NOT_FOUND', 'No person with this id');

/**
 * Who a case is about: the candidates, the case team's decision (link to a registered person or
 * register a new one) and a supervisor's undoing of a wrong link. Each change is one ledger entry on
 * the case, written in the same transaction. Another region's case or person answers as absent.
 */
@Injectable()
export class PersonDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matcher: PersonMatcher,
    private readonly repeats: CaseRepeats,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
    private readonly notices: RepeatNotices,
  ) {}

  async candidates(actor: Actor, caseId: string): Promise<PersonCandidatesResponse> {
    const kase = await this.scopedCase(this.dataSource.manager, actor, caseId, 'GET /cases/:id/person-candidates');
    if (kase.subject_erased) throw personErased();
    const items = await this.matcher.find(kase.person, { regionCode: kase.region_code, originRegionCode: kase.origin_region_code, scope: actor.regionCode, at: kase.opened_at.toISOString(), caseId });
    const decided = (await this.repeats.of([caseId])).get(caseId);
    await this.access.record(actor, 'GET /cases/:id/person-candidates', [caseId, ...items.flatMap((i) => i.cases.map((c) => c.id))]);
    return { caseId, personId: decided?.personId ?? null, items };
  }

  async decide(actor: Actor, caseId: string, dto: DecidePersonDto): Promise<CasePersonResponse> {
    const personId = dto.personId ?? null;
    const newPerson = dto.newPerson === true;
    if ((personId === null) === !newPerson) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'personId', messages: ['give exactly one of personId and newPerson: true'] }]);
    }
    const decision: PersonDecision = newPerson ? 'NEW_PERSON' : 'LINKED_EXISTING';
    const notice = await this.dataSource.transaction(async (m) => {
      const kase = await this.scopedCase(m, actor, caseId, 'POST /cases/:id/person', true);
      if (kase.subject_erased) throw personErased();
      if ((await m.query<unknown[]>('SELECT 1 FROM case_person WHERE case_id = $1', [caseId])).length > 0) {
        throw new DomainError('PERSON_ALREADY_DECIDED', "This case's person is decided; a supervisor may undo the link first");
      }
      const now = new Date();
      const target = personId === null ? await this.register(m, actor, kase, now) : await this.existing(m, actor, personId);
      await m.query(
        `INSERT INTO case_person (case_id, person_id, decision, decided_by_id, decided_by_name, decided_by_role, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [caseId, target, decision, actor.id, actor.name, actor.role, now],
      );
      await recordPersonEvent(m, actor, kase, 'personLinked', decision, { personId: target, decision }, now);
      // A repeat tells the case's workflow, whose protocol decides what it changes: written with the decision.
      return this.notices.record(m, actor, caseId, target);
    });
    await this.access.record(actor, 'POST /cases/:id/person', [caseId]);
    if (notice !== undefined) await this.notices.deliver(notice);
    return this.answer(caseId);
  }

  /** A supervisor undoes a wrong link; the person stays registered (with their other cases). */
  async unlink(actor: Actor, caseId: string): Promise<CasePersonResponse> {
    await this.dataSource.transaction(async (m) => {
      const kase = await this.scopedCase(m, actor, caseId, 'DELETE /cases/:id/person', true);
      const [link] = await m.query<{ person_id: string; decision: PersonDecision }[]>('SELECT person_id, decision FROM case_person WHERE case_id = $1 FOR UPDATE', [caseId]);
      if (link === undefined) throw new DomainError('PERSON_NOT_DECIDED', "This case's person is not decided");
      await m.query('DELETE FROM case_person WHERE case_id = $1', [caseId]);
      await recordPersonEvent(m, actor, kase, 'personUnlinked', `${link.decision} undone`, { personId: link.person_id, decision: link.decision }, new Date());
    });
    return this.answer(caseId);
  }

  private async answer(caseId: string): Promise<CasePersonResponse> {
    const p = (await this.repeats.of([caseId])).get(caseId);
    return { caseId, personId: p?.personId ?? null, decision: p?.decision ?? null, repeat: p?.repeat ?? null };
  }

  /** A new person from the case's person data, registered by the case's region. */
  private async register(m: EntityManager, actor: Actor, kase: CaseRow, now: Date): Promise<string> {
    const p = kase.person;
    const born = birthYearOf(p, kase.opened_at.toISOString());
    const nik = p.nik !== undefined && checkNik(p.nik, {}, now.toISOString().slice(0, 10)).valid ? p.nik : null;
    // The guardian given at intake (cases opened before it was asked for have none).
    const g = p.guardian;
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO person (name, sex, birth_date, birth_year, birth_year_approximate, nik, region_code, origin_region_code, guardian_name, guardian_relation, guardian_contact, created_by_id, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [p.name, p.sex, p.birthDate ?? null, born.year, born.approximate, nik, kase.region_code, kase.origin_region_code, g?.name ?? null, g?.relationship ?? null, g?.phone ?? null, actor.id, actor.name],
    );
    return (row as { id: string }).id;
  }

  /** A registered person the actor may see, not merged into another (link to that one instead). */
  private async existing(m: EntityManager, actor: Actor, personId: string): Promise<string> {
    const [row] = await m.query<{ region_code: string; merged_into: string | null; erased_at: Date | null; restricted_at: Date | null }[]>(
      'SELECT region_code, merged_into, erased_at, restricted_at FROM person WHERE id = $1 FOR SHARE',
      [personId],
    );
    if (row === undefined) throw personAbsent();
    if (!inRegionScope(actor.regionCode, row.region_code)) await this.security.refuse(actor, { kind: 'person', id: personId, regionCode: row.region_code }, 'POST /cases/:id/person', personAbsent());
    if (row.merged_into !== null) throw new DomainError('PERSON_MERGED', 'This person was merged into another; link that one', undefined, undefined, { mergedInto: row.merged_into });
    // An erased person is not linked to anything new; a restricted one is not processed further (docs/personal-data.md).
    if (row.erased_at !== null) throw personErased();
    if (row.restricted_at !== null) throw processingRestricted();
    return personId;
  }

  /** The case if the actor's scope holds it (locked for a change); otherwise absent, and the attempt security-logged. */
  private async scopedCase(m: EntityManager, actor: Actor, caseId: string, route: string, lock = false): Promise<CaseRow> {
    const [row] = await m.query<CaseRow[]>(
      `SELECT ${LEDGER_CASE_COLUMNS}, ${CASE_PERSON_SQL} AS person, s.erased_at IS NOT NULL AS subject_erased, c.origin_region_code, c.opened_at FROM case_view c LEFT JOIN case_subject s ON s.case_id = c.id WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
      [caseId],
    );
    if (row === undefined) throw caseAbsent();
    if (!inRegionScope(actor.regionCode, row.region_code)) await this.security.refuse(actor, { kind: 'case', id: caseId, regionCode: row.region_code }, route, caseAbsent());
    return row;
  }
}
