import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { CaseViewEntity } from '../cases/case-view.entity';
import { CaseWorkflows } from '../cases/case-workflows';
import { DomainError } from '../common/errors/domain-error';
import { ProtocolRegistry } from '../protocols/protocol-registry';
import type { RaziaRowResponse } from './dto/razia.response';
import { mapConcurrently } from './concurrently';
import { rowResult } from './razia-mappers';
import type { CheckedRow } from './razia-rows';
import type { RaziaEntity, RaziaRowRecord } from './razia.entity';

/**
 * Case openings in flight per razia: enough that 50 people open in about the time of a few single
 * openings, few enough that one razia does not monopolise the Temporal client and the worker.
 */
export const RAZIA_OPEN_CONCURRENCY = 8;

/** Opens the cases of a recorded razia through the path of a single opening (CaseWorkflows.open). */
@Injectable()
export class RaziaCases {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly workflows: CaseWorkflows,
    private readonly protocols: ProtocolRegistry,
  ) {}

  /**
   * Opens each row the razia accepted, under its derived case id. The workflow id `case-<id>` and
   * the update id `confirm-opened` make every call after the first join the same case; a case
   * already in the read model is not asked for again (a retry answers from there).
   */
  async openAll(actor: Actor, razia: RaziaEntity, checked: CheckedRow[]): Promise<RaziaRowResponse[]> {
    const ids = razia.rows.flatMap((row) => (row.caseId === undefined ? [] : [row.caseId]));
    const views = ids.length === 0 ? [] : await this.views.find({ select: { id: true, stage: true }, where: { id: In(ids) } });
    const known = new Map(views.map((v) => [v.id, v.stage]));
    const protocol = this.protocols.forRegion(razia.regionCode);
    return mapConcurrently(razia.rows, RAZIA_OPEN_CONCURRENCY, async (row: RaziaRowRecord): Promise<RaziaRowResponse> => {
      const stage = row.caseId === undefined ? undefined : known.get(row.caseId);
      const person = checked[row.position];
      if (row.caseId === undefined || stage !== undefined) return rowResult(row, stage ?? null);
      // The same body as the first request (same fingerprint), so the row is accepted now as then.
      if (person === undefined || !person.ok) return rowResult({ position: row.position, errors: person?.ok === false ? person.errors : [] }, null);
      try {
        const snapshot = await this.workflows.open({
          caseId: row.caseId,
          channel: 'RAZIA',
          regionCode: razia.regionCode,
          person: person.person,
          ...(person.originRegionCode !== undefined ? { originRegionCode: person.originRegionCode } : {}),
          openedBy: actor,
          protocol,
          warnings: person.warnings,
        });
        return rowResult(row, snapshot === undefined || snapshot === 'CLOSED' ? null : snapshot.stage);
      } catch (error) {
        // The workflow's own validator has the last word on a row; anything else fails the request (retry it).
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          return rowResult({ position: row.position, errors: (error.fieldErrors ?? []).map((f) => ({ field: f.field.replace(/^person\./, ''), code: 'INVALID' })) }, null);
        }
        throw error;
      }
    });
  }
}
