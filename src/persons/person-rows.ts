import type { CaseStage, Sex } from '../../workflows/contracts/case';
import type { GuardianRelationship } from '../../workflows/contracts/lifecycle';
import type { ClosureAtResponse, GuardianResponse, PersonCaseResponse } from './dto/person.response';

/** A `person` row as pg returns it. */
export interface PersonRow {
  id: string;
  name: string;
  aliases: string[];
  sex: Sex;
  birth_date: string | null;
  birth_year: number;
  birth_year_approximate: boolean;
  nik: string | null;
  region_code: string;
  origin_region_code: string | null;
  guardian_name: string | null;
  guardian_relation: GuardianRelationship | null;
  guardian_contact: string | null;
  created_at: Date;
  merged_into: string | null;
}

/** Columns of a person row (birth_date as text: a date has no time zone to shift it). */
export const PERSON_COLUMNS = `p.id, p.name, p.aliases, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.birth_year, p.birth_year_approximate,
  p.nik, p.region_code, p.origin_region_code, p.guardian_name, p.guardian_relation, p.guardian_contact, p.created_at, p.merged_into`;

/** A case of a person, from case_view. */
export interface PersonCaseRow {
  person_id: string;
  id: string;
  region_code: string;
  opened_at: Date;
  stage: CaseStage;
  closure: { reason: string } | null;
  stage_entered_at: Date | null;
}

export const PERSON_CASE_COLUMNS = `l.person_id, c.id, c.region_code, c.opened_at, c.stage, c.closure, c.stage_entered_at`;

/** A closed case's reason and the moment it entered CLOSED. */
export function closureOf(r: Pick<PersonCaseRow, 'stage' | 'closure' | 'stage_entered_at' | 'opened_at'>): ClosureAtResponse | null {
  if (r.stage !== 'CLOSED' || r.closure === null) return null;
  return { reason: r.closure.reason, at: (r.stage_entered_at ?? r.opened_at).toISOString() };
}

export const toPersonCase = (r: PersonCaseRow): PersonCaseResponse => ({
  id: r.id,
  regionCode: r.region_code,
  openedAt: r.opened_at.toISOString(),
  stage: r.stage,
  closure: closureOf(r),
});

/** The guardian on a person row: name and relationship are written together (null: none known). */
export function guardianOf(p: Pick<PersonRow, 'guardian_name' | 'guardian_relation' | 'guardian_contact'>): GuardianResponse | null {
  if (p.guardian_name === null || p.guardian_relation === null) return null;
  return { name: p.guardian_name, relationship: p.guardian_relation, phone: p.guardian_contact };
}

/** The registry record's own fields, as every answer about a person gives them (the person's page, the data report). */
export function personRecordOf(p: PersonRow) {
  return {
    id: p.id,
    name: p.name,
    aliases: p.aliases,
    sex: p.sex,
    birthDate: p.birth_date,
    birthYear: p.birth_year,
    birthYearApproximate: p.birth_year_approximate,
    nik: p.nik?.trim() ?? null,
    regionCode: p.region_code,
    originRegionCode: p.origin_region_code,
    guardian: guardianOf(p),
    mergedInto: p.merged_into,
    createdAt: p.created_at.toISOString(),
  };
}
