import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { Sex } from '../../workflows/contracts/case';
import { checkNik } from '../../workflows/domain/nik';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { SecurityLog } from '../security-log/security-log.service';
import type { RegisteredPersonResponse } from './dto/person.response';
import type { UpdatePersonDto } from './dto/person-requests.dto';
import { toGuardianInput } from './dto/guardian.dto';
import { personAbsent } from './person-decisions.service';
import type { LedgerCase } from '../../activities/person-ledger';
import { LEDGER_CASE_COLUMNS, recordPersonEvent } from '../../activities/person-ledger';
import type { PersonRow } from './person-rows';
import { PERSON_COLUMNS } from './person-rows';
import type { PersonRightsRow } from './person-rights-rows';
import { PERSON_RIGHTS_COLUMNS, personErased, processingRestricted } from './person-rights-rows';
import { PersonsService } from './persons.service';

/** The fields of a person's record an edit may change (what the ledger entry names). */
export const EDITABLE_PERSON_FIELDS = ['name', 'nik', 'birthDate', 'sex', 'aliases', 'guardian', 'originRegionCode'] as const;

/** The editable part of a person row, as the columns hold it. */
interface Editable {
  name: string;
  nik: string | null;
  birthDate: string | null;
  sex: Sex;
  aliases: string[];
  guardian: [string | null, string | null, string | null];
  originRegionCode: string | null;
}

/** Earliest birth year the registry keeps (its CHECK). */
const FIRST_BIRTH_YEAR = 1880;

const ROUTE = 'PATCH /persons/:id';

/**
 * The case team completes a person's record: other names (aliases, which the matcher then finds), a
 * child's guardian, the region they come from; and corrects it (rectification, UU 27/2022 Pasal 30):
 * name, NIK, birth date, sex. What each case recorded when it was opened stays as given (case_subject).
 * Refused while the person's processing is restricted, and once their data is erased. Each change is a `personUpdated` ledger entry on every case of the person,
 * naming the fields changed, never their values (personal data stays out of the ledger).
 */
@Injectable()
export class PersonEdits {
  constructor(
    private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
    private readonly security: SecurityLog,
  ) {}

  async update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<RegisteredPersonResponse> {
    if (EDITABLE_PERSON_FIELDS.every((f) => dto[f] === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'aliases', messages: [`give at least one of ${EDITABLE_PERSON_FIELDS.join(', ')}`] }]);
    }
    await this.dataSource.transaction(async (m) => {
      const [p] = await m.query<(PersonRow & PersonRightsRow)[]>(`SELECT ${PERSON_COLUMNS}, ${PERSON_RIGHTS_COLUMNS} FROM person p WHERE p.id = $1 FOR UPDATE`, [id]);
      if (p === undefined) throw personAbsent();
      if (!inRegionScope(actor.regionCode, p.region_code)) await this.security.refuse(actor, { kind: 'person', id, regionCode: p.region_code }, ROUTE, personAbsent());
      if (p.merged_into !== null) throw new DomainError('PERSON_MERGED', 'This person was merged into another; edit that one', undefined, undefined, { mergedInto: p.merged_into });
      if (p.erased_at !== null) throw personErased();
      if (p.restricted_at !== null) throw processingRestricted();
      const before: Editable = {
        name: p.name, nik: p.nik?.trim() ?? null, birthDate: p.birth_date, sex: p.sex,
        aliases: p.aliases, guardian: [p.guardian_name, p.guardian_relation, p.guardian_contact], originRegionCode: p.origin_region_code,
      };
      const after = edited(before, dto);
      checkIdentity(after);
      const changed = EDITABLE_PERSON_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      if (changed.length === 0) return;
      // A known birth date fixes the birth year (no longer worked out from an approximate age).
      const born = after.birthDate === null || !changed.includes('birthDate') ? [p.birth_year, p.birth_year_approximate] : [Number(after.birthDate.slice(0, 4)), false];
      await m.query(
        `UPDATE person SET aliases = $2, guardian_name = $3, guardian_relation = $4, guardian_contact = $5, origin_region_code = $6,
           name = $7, nik = $8, birth_date = $9, sex = $10, birth_year = $11, birth_year_approximate = $12 WHERE id = $1`,
        [id, after.aliases, ...after.guardian, after.originRegionCode, after.name, after.nik, after.birthDate, after.sex, ...born],
      );
      const now = new Date();
      const cases = await m.query<LedgerCase[]>(`SELECT ${LEDGER_CASE_COLUMNS} FROM case_person l JOIN case_view c ON c.id = l.case_id WHERE l.person_id = $1 ORDER BY c.id`, [id]);
      for (const kase of cases) await recordPersonEvent(m, actor, kase, 'personUpdated', `person updated: ${changed.join(', ')}`, { personId: id, fields: changed }, now);
    });
    // The answer is the record as it is now, access-logged for its cases under this route.
    return this.persons.get(actor, id, ROUTE);
  }
}

/** The record after the edit: a field left out stays as it was. */
function edited(before: Editable, dto: UpdatePersonDto): Editable {
  const g = dto.guardian === undefined || dto.guardian === null ? dto.guardian : toGuardianInput(dto.guardian);
  return {
    name: dto.name ?? before.name,
    nik: dto.nik === undefined ? before.nik : dto.nik,
    birthDate: dto.birthDate === undefined ? before.birthDate : dto.birthDate,
    sex: dto.sex ?? before.sex,
    aliases: dto.aliases ?? before.aliases,
    guardian: g === undefined ? before.guardian : g === null ? [null, null, null] : [g.name, g.relationship, g.phone ?? null],
    originRegionCode: dto.originRegionCode === undefined ? before.originRegionCode : dto.originRegionCode,
  };
}

/** The corrected identity must hold together: a NIK whose date part is impossible, or a birth date in the future or before 1880, is refused (400). */
function checkIdentity(after: Editable): void {
  const today = new Date().toISOString().slice(0, 10);
  if (after.birthDate !== null && (after.birthDate > today || Number(after.birthDate.slice(0, 4)) < FIRST_BIRTH_YEAR)) {
    throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'birthDate', messages: [`birthDate must lie between ${FIRST_BIRTH_YEAR} and today`] }]);
  }
  if (after.nik === null) return;
  const check = checkNik(after.nik, { sex: after.sex, ...(after.birthDate === null ? {} : { birthDate: after.birthDate }) }, today);
  if (!check.valid) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'nik', messages: check.errors.map((e) => e.message) }]);
}
