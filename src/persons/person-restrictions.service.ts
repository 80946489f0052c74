import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { PersonLedgerAction } from '../../workflows/contracts/ledger';
import { SecurityLog } from '../security-log/security-log.service';
import type { RegisteredPersonResponse } from './dto/person.response';
import type { LegalHoldDto, RestrictPersonDto } from './dto/person-rights.dto';
import { recordPersonEvent } from '../../activities/person-ledger';
import type { PersonRightsRow } from './person-rights-rows';
import { casesOfPerson } from '../../activities/personal-data-erasure';
import { lockedPerson } from './person-rights-rows';
import { PersonsService } from './persons.service';

/** One of the two marks a person row carries (Pasal 41), as its columns and ledger actions name it. */
interface Mark {
  column: 'restricted' | 'legal_hold';
  set: PersonLedgerAction;
  lifted: PersonLedgerAction;
  summaries: { set: string; lifted: string };
}

const RESTRICTION: Mark = { column: 'restricted', set: 'personRestricted', lifted: 'personRestrictionLifted', summaries: { set: 'processing restricted', lifted: 'restriction of processing lifted' } };
const LEGAL_HOLD: Mark = { column: 'legal_hold', set: 'personLegalHoldSet', lifted: 'personLegalHoldLifted', summaries: { set: 'legal hold set', lifted: 'legal hold lifted' } };

/**
 * Restriction of processing and legal hold (UU 27/2022 Pasal 41), set and lifted by a supervisor of the
 * person's region. A restricted person is not processed further (docs/personal-data.md: not matched,
 * linked, merged or edited); a legal hold keeps their data from erasure. Each change is a ledger entry on
 * every case of the person, without the reason (free text that may name them: it stays on the record).
 * Setting what is set, or lifting what is not, changes nothing and answers the record as it is.
 */
@Injectable()
export class PersonRestrictions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
    private readonly security: SecurityLog,
  ) {}

  restrict(actor: Actor, id: string, dto: RestrictPersonDto): Promise<RegisteredPersonResponse> {
    return this.change(actor, id, RESTRICTION, { reason: dto.reason }, (p) => p.restricted_at !== null);
  }

  liftRestriction(actor: Actor, id: string): Promise<RegisteredPersonResponse> {
    return this.change(actor, id, RESTRICTION, null, (p) => p.restricted_at === null);
  }

  hold(actor: Actor, id: string, dto: LegalHoldDto): Promise<RegisteredPersonResponse> {
    return this.change(actor, id, LEGAL_HOLD, { reason: dto.reason, kind: dto.kind }, (p) => p.legal_hold_at !== null);
  }

  liftHold(actor: Actor, id: string): Promise<RegisteredPersonResponse> {
    return this.change(actor, id, LEGAL_HOLD, null, (p) => p.legal_hold_at === null);
  }

  private async change(actor: Actor, id: string, mark: Mark, to: { reason: string; kind?: string } | null, already: (p: PersonRightsRow) => boolean): Promise<RegisteredPersonResponse> {
    const route = to === null ? 'DELETE /persons/:id/<right>' : 'POST /persons/:id/<right>';
    await this.dataSource.transaction(async (m) => {
      const p = await lockedPerson(m, this.security, actor, id, route);
      if (already(p)) return;
      const c = mark.column;
      if (to === null) await m.query(`UPDATE person SET ${c}_at = NULL, ${c}_by_id = NULL, ${c}_by_name = NULL, ${c === 'restricted' ? 'restriction' : c}_reason = NULL${c === 'legal_hold' ? ', legal_hold_kind = NULL' : ''} WHERE id = $1`, [id]);
      else if (c === 'restricted') await m.query(`UPDATE person SET restricted_at = clock_timestamp(), restricted_by_id = $2, restricted_by_name = $3, restriction_reason = $4 WHERE id = $1`, [id, actor.id, actor.name, to.reason]);
      else await m.query(`UPDATE person SET legal_hold_at = clock_timestamp(), legal_hold_by_id = $2, legal_hold_by_name = $3, legal_hold_reason = $4, legal_hold_kind = $5 WHERE id = $1`, [id, actor.id, actor.name, to.reason, to.kind]);
      const action = to === null ? mark.lifted : mark.set;
      const payload = { personId: id, ...(to?.kind === undefined ? {} : { kind: to.kind }) };
      const now = new Date();
      const { cases } = await casesOfPerson(m, id);
      for (const kase of cases) await recordPersonEvent(m, actor, kase, action, to === null ? mark.summaries.lifted : mark.summaries.set, payload, now);
    });
    return this.persons.get(actor, id, route);
  }
}
