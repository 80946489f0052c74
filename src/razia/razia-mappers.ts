import type { CaseStage } from '../../workflows/contracts/case';
import type { RaziaResponse, RaziaRowResponse, RaziaSummaryResponse } from './dto/razia.response';
import type { RaziaEntity, RaziaRowRecord } from './razia.entity';

/** A stored row as a result: its case (and stage when readable), or its refusal. */
export function rowResult(row: RaziaRowRecord, stage: CaseStage | null): RaziaRowResponse {
  return row.caseId !== undefined
    ? { position: row.position, outcome: 'OPENED', caseId: row.caseId, stage, errors: [] }
    : { position: row.position, outcome: 'REFUSED', caseId: null, stage: null, errors: row.errors ?? [] };
}

export function toRaziaSummary(razia: RaziaEntity): RaziaSummaryResponse {
  const opened = razia.rows.filter((row) => row.caseId !== undefined).length;
  return {
    id: razia.id,
    occurredAt: razia.occurredAt.toISOString(),
    place: razia.place,
    villageCode: razia.villageCode,
    regionCode: razia.regionCode,
    team: razia.team,
    recordedBy: { name: razia.recordedBy.name, role: razia.recordedBy.role, agencyCode: razia.recordedBy.agencyCode },
    recordedAt: razia.createdAt.toISOString(),
    people: razia.rows.length,
    opened,
    refused: razia.rows.length - opened,
  };
}

/** The razia with its rows' results (counts from the results: a row the workflow refused counts as refused). */
export function toRaziaResponse(razia: RaziaEntity, rows: RaziaRowResponse[]): RaziaResponse {
  const opened = rows.filter((row) => row.outcome === 'OPENED').length;
  return { ...toRaziaSummary(razia), opened, refused: rows.length - opened, rows };
}
