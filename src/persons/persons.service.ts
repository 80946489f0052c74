import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { checkNik } from '../../workflows/domain/nik';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { SecurityLog } from '../security-log/security-log.service';
import type { RegisteredPersonResponse, PersonSearchResponse } from './dto/person.response';
import { personAbsent } from './person-decisions.service';
import { PersonMerges } from './person-merges.service';
import type { PersonCaseRow, PersonRow } from './person-rows';
import { PERSON_CASE_COLUMNS, PERSON_COLUMNS, personRecordOf, toPersonCase } from './person-rows';
import type { PersonRightsRow } from './person-rights-rows';
import { erasureOf, legalHoldOf, PERSON_RIGHTS_COLUMNS, restrictionOf } from './person-rights-rows';

/** Least similarity for a name search (looser than matching: a person picks from the list). */
const SEARCH_THRESHOLD = 0.3;

/** Routes that answer with the person's record (the read, and each change's answer). */
export type PersonReadRoute = 'GET /persons/:id' | 'PATCH /persons/:id' | 'POST /persons/:id/<right>' | 'DELETE /persons/:id/<right>';

/** Reading the registry: a person with their cases, and a search for the other person of a merge. */
@Injectable()
export class PersonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly merges: PersonMerges,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
  ) {}

  /**
   * A person of the actor's scope and their cases there; the read is access-logged for those cases,
   * under the route that answered it (the read, or an edit's answer).
   */
  async get(actor: Actor, id: string, route: PersonReadRoute = 'GET /persons/:id'): Promise<RegisteredPersonResponse> {
    const [p] = await this.dataSource.query<(PersonRow & PersonRightsRow)[]>(`SELECT ${PERSON_COLUMNS}, ${PERSON_RIGHTS_COLUMNS} FROM person p WHERE p.id = $1`, [id]);
    if (p === undefined) throw personAbsent();
    if (!inRegionScope(actor.regionCode, p.region_code)) return this.security.refuse(actor, { kind: 'person', id, regionCode: p.region_code }, route, personAbsent());
    const cases = await this.dataSource.query<PersonCaseRow[]>(
      `SELECT ${PERSON_CASE_COLUMNS} FROM case_person l JOIN case_view c ON c.id = l.case_id WHERE l.person_id = $1 AND c.region_code LIKE $2 ORDER BY c.opened_at, c.id`,
      [id, `${actor.regionCode}%`],
    );
    await this.access.record(actor, route, cases.map((c) => c.id));
    return {
      ...personRecordOf(p),
      cases: cases.map(toPersonCase),
      merges: await this.merges.openMerges(id),
      erased: p.erased_at !== null,
      erasure: erasureOf(p),
      restriction: restrictionOf(p),
      legalHold: legalHoldOf(p),
    };
  }

  /** People of the actor's scope (not merged) by a whole NIK or a similar name, best first. */
  async search(actor: Actor, q: string): Promise<PersonSearchResponse> {
    const isNik = /^\d+$/.test(q);
    if (isNik) {
      const check = checkNik(q, {}, new Date().toISOString().slice(0, 10));
      if (!check.valid) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'q', messages: check.errors.map((e) => e.message) }]);
    }
    const condition = isNik ? 'p.nik = $2' : `sinergi_name_similarity(p.name, $2) >= ${SEARCH_THRESHOLD}`;
    const order = isNik ? 'p.created_at' : 'sinergi_name_similarity(p.name, $2) DESC, p.created_at';
    const rows = await this.dataSource.query<{ id: string; name: string; sex: 'L' | 'P'; birth_year: number; region_code: string; case_count: number }[]>(
      `SELECT p.id, p.name, p.sex, p.birth_year, p.region_code, (SELECT count(*)::int FROM case_person l WHERE l.person_id = p.id) AS case_count
       FROM person p WHERE p.merged_into IS NULL AND p.erased_at IS NULL AND p.region_code LIKE $1 AND ${condition} ORDER BY ${order} LIMIT 20`,
      [`${actor.regionCode}%`, q],
    );
    const cases = await this.dataSource.query<{ case_id: string }[]>('SELECT case_id FROM case_person WHERE person_id = ANY($1)', [rows.map((r) => r.id)]);
    await this.access.record(actor, 'POST /persons/search', cases.map((c) => c.case_id));
    return { items: rows.map((r) => ({ id: r.id, name: r.name, sex: r.sex, birthYear: r.birth_year, regionCode: r.region_code, caseCount: r.case_count })) };
  }
}
