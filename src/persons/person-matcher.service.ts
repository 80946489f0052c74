import { PROCESSABLE_PERSON_SQL } from './person-rights-rows';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PersonInput } from '../../workflows/contracts/case';
import { checkNik } from '../../workflows/domain/nik';
import type { PersonCandidateResponse } from './dto/person.response';
import type { PersonCaseRow, PersonRow } from './person-rows';
import { PERSON_CASE_COLUMNS, PERSON_COLUMNS, toPersonCase } from './person-rows';

/** Least name similarity (pg_trgm, over the normalised keys) for a person to be offered. */
export const NAME_THRESHOLD = 0.7;
/** How far apart two birth years may be: ages on the street are guesses. */
export const BIRTH_YEAR_TOLERANCE = 2;
/** At most this many candidates, best first. */
const MAX_CANDIDATES = 10;

/** What the matcher needs of a person: a case's PersonInput, or a razia row's. */
export type MatchablePerson = Pick<PersonInput, 'name' | 'sex' | 'approximateAge' | 'nik' | 'birthDate'>;

export interface MatchPlace {
  /** Kab/kota handling the case. */
  regionCode: string;
  originRegionCode?: string | null;
  /** The caller's region scope: only people registered there are offered. */
  scope: string;
  /** When the case was opened (ISO-8601): the reference for an approximate age. Default: now. */
  at?: string;
  /** The case asking (left out of the candidates' cases). */
  caseId?: string;
}

/** Birth year from a birth date, else from the approximate age at `at`. */
export function birthYearOf(p: Pick<MatchablePerson, 'birthDate' | 'approximateAge'>, at: string): { year: number; approximate: boolean } {
  if (p.birthDate !== undefined) return { year: Number(p.birthDate.slice(0, 4)), approximate: false };
  return { year: Number(at.slice(0, 4)) - p.approximateAge, approximate: true };
}

/**
 * Finds the registered people a person may be (docs/persons.md): the same valid NIK (score 1), or a
 * similar name or alias — any of their names, their cases' names included — of the same sex, born
 * within two years, registered in or coming from the case's region or origin region. A person with
 * another valid NIK than the one given is not offered by name. Pure reads; one service for the intake,
 * the case page and (later) a razia batch, row by row.
 */
@Injectable()
export class PersonMatcher {
  constructor(private readonly dataSource: DataSource) {}

  async find(person: MatchablePerson, place: MatchPlace): Promise<PersonCandidateResponse[]> {
    const at = place.at ?? new Date().toISOString();
    const nik = person.nik !== undefined && checkNik(person.nik, {}, at.slice(0, 10)).valid ? person.nik : null;
    const scope = `${place.scope}%`;
    const byNik = nik === null ? [] : await this.dataSource.query<PersonRow[]>(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.nik = $1 AND p.merged_into IS NULL AND ${PROCESSABLE_PERSON_SQL} AND p.region_code LIKE $2`, [nik, scope]);
    const regions = [place.regionCode, ...(place.originRegionCode ? [place.originRegionCode] : [])];
    const { year } = birthYearOf(person, at);
    const byName = await this.dataSource.query<(PersonRow & { score: number })[]>(
      `SELECT ${PERSON_COLUMNS}, s.score FROM person p
       CROSS JOIN LATERAL (
         SELECT max(sinergi_name_similarity(n.name, $1)) AS score FROM (
           SELECT unnest(array_append(p.aliases, p.name)) AS name
           UNION ALL SELECT cs.name FROM case_person l JOIN case_subject cs ON cs.case_id = l.case_id WHERE l.person_id = p.id AND cs.name IS NOT NULL
         ) n
       ) s
       WHERE p.merged_into IS NULL AND ${PROCESSABLE_PERSON_SQL} AND p.sex = $2 AND abs(p.birth_year - $3) <= ${BIRTH_YEAR_TOLERANCE} AND p.region_code LIKE $4
         AND (p.region_code = ANY($5) OR p.origin_region_code = ANY($5))
         AND ($6::text IS NULL OR p.nik IS NULL OR p.nik = $6)
         AND s.score >= ${NAME_THRESHOLD}
       ORDER BY s.score DESC, p.created_at LIMIT ${MAX_CANDIDATES}`,
      [person.name, person.sex, year, scope, regions, nik],
    );
    const nikIds = new Set(byNik.map((p) => p.id));
    const found = [
      ...byNik.map((p) => ({ row: p, score: 1, why: 'NIK' as const })),
      ...byName.filter((p) => !nikIds.has(p.id)).map((p) => ({ row: p, score: Math.round(Number(p.score) * 100) / 100, why: 'NAME+SEX+YEAR+REGION' as const })),
    ].slice(0, MAX_CANDIDATES);
    const cases = await this.casesOf(found.map((f) => f.row.id), scope, place.caseId);
    return found.map(({ row, score, why }) => ({
      personId: row.id,
      score,
      why,
      name: row.name,
      aliases: row.aliases,
      sex: row.sex,
      birthYear: row.birth_year,
      birthYearApproximate: row.birth_year_approximate,
      regionCode: row.region_code,
      originRegionCode: row.origin_region_code,
      cases: cases.filter((c) => c.person_id === row.id).map(toPersonCase),
    }));
  }

  private casesOf(personIds: string[], scope: string, except: string | undefined): Promise<PersonCaseRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query<PersonCaseRow[]>(
      `SELECT ${PERSON_CASE_COLUMNS} FROM case_person l JOIN case_view c ON c.id = l.case_id
       WHERE l.person_id = ANY($1) AND c.region_code LIKE $2 AND c.id IS DISTINCT FROM $3::uuid ORDER BY c.opened_at, c.id`,
      [personIds, scope, except ?? null],
    );
  }
}
