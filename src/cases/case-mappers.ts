import type { Actor } from '../../workflows/contracts/actor';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import type { CaseViewEntity } from './case-view.entity';
import type { CaseActorResponse, CaseResponse, ClosureResponse, PersonResponse } from './dto/case.response';
import type { PersonalData } from '../personal-data/personal-data.service';
import { ERASED_TEXT } from '../personal-data/personal-data.service';

/**
 * A case's person and closure as the workflow or the read model hold them: sealed since issue 13 (see
 * openedCases), in clear in older cases. Until opened, the response carries the sealed form.
 */
const sealedPerson = (p: CaseSnapshot['person']): PersonResponse => p as unknown as PersonResponse;
const sealedClosure = (c: CaseSnapshot['closure']): ClosureResponse | null => c as ClosureResponse | null;

/** The person of an opened response: an erased person keeps sex and age, and their name reads `[dihapus]`. */
function personResponse(p: PersonResponse & { erased?: boolean; sealed?: unknown }): PersonResponse {
  const { sealed: _sealed, erased: _erased, ...rest } = p;
  return typeof rest.name === 'string' ? rest : { ...rest, name: ERASED_TEXT, erased: true };
}

/**
 * Cases with their personal data opened (one key lookup for all): the API's answers to a caller who may
 * read them. A case opened before sealing holds neither a sealed nor a clear person: the registry's
 * record of it (`case_subject`) answers for it.
 */
export async function openedCases<T extends CaseResponse>(personal: PersonalData, cases: T[]): Promise<T[]> {
  const opened = await personal.open(cases);
  const unsealed = opened.filter((c) => typeof (c.person as { name?: unknown }).name !== 'string' && (c.person as { erased?: boolean }).erased !== true).map((c) => c.id);
  const subjects = await personal.subjects(unsealed);
  return opened.map((c) => {
    const subject = subjects.get(c.id);
    if (subject === undefined || subject.name === null) return { ...c, person: personResponse(c.person) };
    const { name, nik, birthDate, guardian } = subject;
    const person = { ...c.person, name, ...(nik !== null ? { nik } : {}), ...(birthDate !== null ? { birthDate } : {}), ...(guardian !== null ? { guardian: guardian as PersonResponse['guardian'] } : {}) };
    return { ...c, person: personResponse(person) };
  });
}

const toActor = (a: Actor | null): CaseActorResponse | null => (a === null ? null : { id: a.id, name: a.name, role: a.role, agencyCode: a.agencyCode });

/** A case as the workflow returned it (command and open responses). */
export function fromSnapshot(s: CaseSnapshot): CaseResponse {
  return {
    id: s.caseId,
    stage: s.stage,
    channel: s.channel,
    regionCode: s.regionCode,
    person: sealedPerson(s.person),
    originRegionCode: s.originRegionCode,
    intakePoint: s.intakePoint ?? null,
    protocol: s.protocol,
    ppksCategories: s.ppksCategories,
    warnings: s.warnings,
    responsibleAgency: s.responsibleAgency,
    deadlineAt: s.deadlineAt,
    overdue: s.overdue,
    escalations: s.escalations,
    closure: sealedClosure(s.closure),
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
    person: sealedPerson(v.person),
    originRegionCode: v.originRegionCode,
    intakePoint: v.intakePoint ?? null,
    protocol: protocolOf(v),
    ppksCategories: v.ppksCategories,
    warnings: v.warnings,
    responsibleAgency: v.responsibleAgency,
    deadlineAt: v.deadlineAt?.toISOString() ?? null,
    overdue: v.overdue,
    escalations: v.escalations,
    closure: sealedClosure(v.closure),
    lastAction: v.lastAction,
    stageEnteredAt: (v.stageEnteredAt ?? v.openedAt).toISOString(),
    openedBy: toActor(v.openedBy),
    openedAt: v.openedAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
  };
}
