import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { SecurityLog } from '../security-log/security-log.service';
import type { RegisteredPersonResponse } from './dto/person.response';
import type { UpdatePersonDto } from './dto/person-requests.dto';
import { toGuardianInput } from './dto/guardian.dto';
import { personAbsent } from './person-decisions.service';
import type { LedgerCase } from './person-ledger';
import { LEDGER_CASE_COLUMNS, recordPersonEvent } from './person-ledger';
import type { PersonRow } from './person-rows';
import { PERSON_COLUMNS } from './person-rows';
import { PersonsService } from './persons.service';

/** The fields of a person's record an edit may change (what the ledger entry names). */
export const EDITABLE_PERSON_FIELDS = ['aliases', 'guardian', 'originRegionCode'] as const;

/** The editable part of a person row, as the columns hold it. */
interface Editable {
  aliases: string[];
  guardian: [string | null, string | null, string | null];
  originRegionCode: string | null;
}

const ROUTE = 'PATCH /persons/:id';

/**
 * The case team completes a person's record: other names (aliases, which the matcher then finds), a
 * child's guardian, the region they come from. Name, sex, birth data and NIK are the cases' own record
 * and are not edited here. Each change is a `personUpdated` ledger entry on every case of the person,
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
      const [p] = await m.query<PersonRow[]>(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1 FOR UPDATE`, [id]);
      if (p === undefined) throw personAbsent();
      if (!inRegionScope(actor.regionCode, p.region_code)) await this.security.refuse(actor, { kind: 'person', id, regionCode: p.region_code }, ROUTE, personAbsent());
      if (p.merged_into !== null) throw new DomainError('PERSON_MERGED', 'This person was merged into another; edit that one', undefined, undefined, { mergedInto: p.merged_into });
      const before: Editable = { aliases: p.aliases, guardian: [p.guardian_name, p.guardian_relation, p.guardian_contact], originRegionCode: p.origin_region_code };
      const after = edited(before, dto);
      const changed = EDITABLE_PERSON_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      if (changed.length === 0) return;
      await m.query('UPDATE person SET aliases = $2, guardian_name = $3, guardian_relation = $4, guardian_contact = $5, origin_region_code = $6 WHERE id = $1', [
        id, after.aliases, ...after.guardian, after.originRegionCode,
      ]);
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
    aliases: dto.aliases ?? before.aliases,
    guardian: g === undefined ? before.guardian : g === null ? [null, null, null] : [g.name, g.relationship, g.phone ?? null],
    originRegionCode: dto.originRegionCode === undefined ? before.originRegionCode : dto.originRegionCode,
  };
}
