import type { Actor } from '../../workflows/contracts/actor';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import type { CaseViewEntity } from './case-view.entity';
import type { CaseActorResponse, CaseResponse } from './dto/case.response';

const toActor = (a: Actor | null): CaseActorResponse | null => (a === null ? null : { id: a.id, name: a.name, role: a.role, agencyCode: a.agencyCode });

/** A case as the workflow returned it (command and open responses). */
export function fromSnapshot(s: CaseSnapshot): CaseResponse {
  return {
    id: s.caseId,
    stage: s.stage,
    channel: s.channel,
    regionCode: s.regionCode,
    person: s.person,
    originRegionCode: s.originRegionCode,
    intakePoint: s.intakePoint ?? null,
    protocol: s.protocol,
    ppksCategories: s.ppksCategories,
    warnings: s.warnings,
    responsibleAgency: s.responsibleAgency,
    deadlineAt: s.deadlineAt,
    overdue: s.overdue,
    escalations: s.escalations,
    closure: s.closure,
    lastAction: s.lastAction,
    stageEnteredAt: s.stageEnteredAt,
    openedBy: toActor(s.openedBy),
    openedAt: s.openedAt,
    updatedAt: s.updatedAt,
    version: s.version,
  };
}

/** The pinned protocol of a read-model row (null for cases from before protocols). */
export function protocolOf(v: Pick<CaseViewEntity, 'protocolId' | 'protocolVersion'>): { id: string; version: number } | null {
  return v.protocolId === null || v.protocolVersion === null ? null : { id: v.protocolId, version: v.protocolVersion };
}

/** A case as the read model holds it (GET responses); identical to fromSnapshot for the same version. */
export function fromView(v: CaseViewEntity): CaseResponse {
  return {
    id: v.id,
    stage: v.stage,
    channel: v.channel,
    regionCode: v.regionCode,
    person: v.person,
    originRegionCode: v.originRegionCode,
    intakePoint: v.intakePoint ?? null,
    protocol: protocolOf(v),
    ppksCategories: v.ppksCategories,
    warnings: v.warnings,
    responsibleAgency: v.responsibleAgency,
    deadlineAt: v.deadlineAt?.toISOString() ?? null,
    overdue: v.overdue,
    escalations: v.escalations,
    closure: v.closure,
    lastAction: v.lastAction,
    stageEnteredAt: (v.stageEnteredAt ?? v.openedAt).toISOString(),
    openedBy: toActor(v.openedBy),
    openedAt: v.openedAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
  };
}
