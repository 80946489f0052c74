import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SecurityLog } from '../security-log/security-log.service';
import type { RegisteredPersonResponse } from './dto/person.response';
import type { ErasePersonDto, ErasureHold } from './dto/person-rights.dto';
import type { PersonCase } from '../../activities/personal-data-erasure';
import { casesOfPerson, erasePersonData } from '../../activities/personal-data-erasure';
import type { PersonRightsRow } from './person-rights-rows';
import { lockedPerson } from './person-rights-rows';
import { PersonsService } from './persons.service';

const ROUTE = 'POST /persons/:id/<right>';
const DAY_MS = 86_400_000;

/**
 * Erasure by key destruction (UU 27/2022 Pasal 43, docs/personal-data.md): in one transaction the person
 * row keeps only sex, birth year and region (name `[dihapus]`), each case's subject as given at opening
 * is emptied, each case's data key is destroyed (every sealed copy — workflow history, ledger payloads,
 * task outcomes — reads `[dihapus]` from then on) and each case's ledger gets `personErased` with the
 * legal basis and the actor, never the reason. Irreversible. Held back (409 ERASURE_HELD) while a legal
 * hold is set, a case is not closed, or a case closed less than the statutory minimum ago.
 */
@Injectable()
export class PersonErasure {
  private readonly minRetentionDays: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
    private readonly security: SecurityLog,
    @InjectConfig() config: AppConfig,
  ) {
    this.minRetentionDays = config.personalData.erasureMinRetentionDays;
  }

  async erase(actor: Actor, id: string, dto: ErasePersonDto): Promise<RegisteredPersonResponse> {
    await this.dataSource.transaction(async (m) => {
      const p = await lockedPerson(m, this.security, actor, id, ROUTE);
      const { personIds, cases } = await casesOfPerson(m, id);
      // The records merged into this one are locked too: nobody links a case to them meanwhile.
      await m.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [personIds]);
      this.refuseIfHeld(actor, p, cases, new Date());
      await erasePersonData(m, { personId: id, personIds, cases, actor, legalBasis: dto.legalBasis, reason: dto.reason });
    });
    return this.persons.get(actor, id, ROUTE);
  }

  /** Every reason the erasure must wait, the first of them as `details.hold` (409 ERASURE_HELD). */
  private refuseIfHeld(actor: Actor, p: PersonRightsRow, cases: PersonCase[], now: Date): void {
    const open = cases.filter((c) => c.stage !== 'CLOSED');
    const minClosedBefore = now.getTime() - this.minRetentionDays * DAY_MS;
    const retained = cases.filter((c) => c.closed_at !== null && c.closed_at.getTime() > minClosedBefore);
    // Every case holds the erasure back; the answer names only those the caller may see.
    const shown = (list: PersonCase[]) => list.filter((c) => inRegionScope(actor.regionCode, c.region_code)).map((c) => c.id);
    const holds: ErasureHold[] = [
      ...(p.legal_hold_at !== null ? (['LEGAL_HOLD'] as const) : []),
      ...(open.length > 0 ? (['OPEN_CASE'] as const) : []),
      ...(this.minRetentionDays > 0 && retained.length > 0 ? (['RETENTION_PERIOD'] as const) : []),
    ];
    if (holds.length === 0) return;
    throw new DomainError('ERASURE_HELD', `The person's data may not be erased yet: ${holds.join(', ')}`, undefined, undefined, {
      hold: holds[0],
      holds,
      openCaseIds: shown(open),
      ...(holds.includes('RETENTION_PERIOD') ? { retainedCaseIds: shown(retained), minRetentionDays: this.minRetentionDays } : {}),
    });
  }
}
