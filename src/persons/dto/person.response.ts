import { ApiProperty } from '@nestjs/swagger';
import type { CaseStage, Sex } from '../../../workflows/contracts/case';
import { CASE_STAGES, SEXES } from '../../../workflows/contracts/case';
import type { GuardianRelationship } from '../../../workflows/contracts/lifecycle';
import { GUARDIAN_RELATIONSHIPS } from '../../../workflows/contracts/lifecycle';
import type { ErasureBasis, LegalHoldKind } from './person-rights.dto';
import { ERASURE_BASES, LEGAL_HOLD_KINDS } from './person-rights.dto';

export const MATCH_REASONS = ['NIK', 'NAME+SEX+YEAR+REGION'] as const;
/** Why a person is offered: the same valid NIK, or a similar name of the same sex, birth year (±2) and region. */
export type MatchReason = (typeof MATCH_REASONS)[number];

export const PERSON_DECISIONS = ['LINKED_EXISTING', 'NEW_PERSON'] as const;
/** How a case got its person: linked to one already registered, or registered as a new person. */
export type PersonDecision = (typeof PERSON_DECISIONS)[number];

/** How a case ended: the closure reason and when the case entered CLOSED (ISO-8601). */
export class ClosureAtResponse {
  reason!: string;
  at!: string;
}

/** A case of a person, as the registry shows it: no personal data beyond its existence and course. */
export class PersonCaseResponse {
  id!: string;
  regionCode!: string;
  /** ISO-8601. */
  openedAt!: string;
  @ApiProperty({ enum: CASE_STAGES })
  stage!: CaseStage;
  @ApiProperty({ type: ClosureAtResponse, nullable: true })
  closure!: ClosureAtResponse | null;
}

/** The case's person has cases opened before it: how many, how the last one ended, where the latest stands. */
export class RepeatResponse {
  /** Cases of the same person opened before this one. */
  count!: number;
  /** The most recent closure among those earlier cases (null: none of them is closed). */
  @ApiProperty({ type: ClosureAtResponse, nullable: true })
  lastClosure!: ClosureAtResponse | null;
  /** Stage of the most recent earlier case (CLOSED when it ended). */
  @ApiProperty({ enum: CASE_STAGES })
  lastStage!: CaseStage;
}

/** A registered person who may be the one a case is about. */
export class PersonCandidateResponse {
  personId!: string;
  /** 1 for the same NIK; otherwise the names' trigram similarity after normalisation (0.7–1). */
  score!: number;
  @ApiProperty({ enum: MATCH_REASONS })
  why!: MatchReason;
  /** Personal data: shown to the case team deciding the person, access-logged per case. */
  name!: string;
  aliases!: string[];
  @ApiProperty({ enum: SEXES })
  sex!: Sex;
  birthYear!: number;
  /** The birth year was worked out from an approximate age. */
  birthYearApproximate!: boolean;
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  originRegionCode!: string | null;
  /** Their cases in your scope, oldest first (this case left out). */
  @ApiProperty({ type: [PersonCaseResponse] })
  cases!: PersonCaseResponse[];
}

export class PersonCandidatesResponse {
  caseId!: string;
  /** The person decided for the case, if any (the candidates are still listed). */
  @ApiProperty({ type: String, nullable: true })
  personId!: string | null;
  @ApiProperty({ type: [PersonCandidateResponse] })
  items!: PersonCandidateResponse[];
}

/** A case's person after a decision (or its undoing). */
export class CasePersonResponse {
  caseId!: string;
  @ApiProperty({ type: String, nullable: true })
  personId!: string | null;
  @ApiProperty({ enum: PERSON_DECISIONS, nullable: true })
  decision!: PersonDecision | null;
  @ApiProperty({ type: RepeatResponse, nullable: true })
  repeat!: RepeatResponse | null;
}

/** Who is responsible for the person (a child). Personal data. */
export class GuardianResponse {
  name!: string;
  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS })
  relationship!: GuardianRelationship;
  /** A telephone number to reach them, when known. */
  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
}

/** A merge of another person into this one, as long as it can be undone. */
export class PersonMergeResponse {
  mergeId!: string;
  personId!: string;
  otherPersonId!: string;
  /** The cases it moved from the other person to this one. */
  movedCaseIds!: string[];
  mergedAt!: string;
  mergedByName!: string;
  @ApiProperty({ type: String, nullable: true })
  undoneAt!: string | null;
}

/** The person's data was erased (UU PDP Pasal 43): when, by whom, on which legal basis. */
export class ErasureResponse {
  /** ISO-8601. */
  at!: string;
  byName!: string;
  /** Erased by Sinergi itself (the retention sweep, as SYSTEM), not by a staff member. */
  bySystem!: boolean;
  @ApiProperty({ enum: ERASURE_BASES })
  legalBasis!: ErasureBasis;
}

/** Processing of the person's data is restricted (Pasal 41): not matched, linked, merged or edited. */
export class RestrictionResponse {
  at!: string;
  byName!: string;
  reason!: string;
}

/** A legal hold (Pasal 41): the person's data may not be erased while it is set. */
export class LegalHoldResponse {
  at!: string;
  byName!: string;
  @ApiProperty({ enum: LEGAL_HOLD_KINDS })
  kind!: LegalHoldKind;
  reason!: string;
}

/** A person as the registry keeps them. Personal data: every read is access-logged for their cases. */
export class RegisteredPersonResponse {
  id!: string;
  /** `[dihapus]` once erased. */
  name!: string;
  aliases!: string[];
  @ApiProperty({ enum: SEXES })
  sex!: Sex;
  /** YYYY-MM-DD when known. */
  @ApiProperty({ type: String, nullable: true })
  birthDate!: string | null;
  birthYear!: number;
  birthYearApproximate!: boolean;
  @ApiProperty({ type: String, nullable: true })
  nik!: string | null;
  /** The kab/kota that registered the person (who may see them). */
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  originRegionCode!: string | null;
  /** For children: who is responsible for them, when known. */
  @ApiProperty({ type: GuardianResponse, nullable: true })
  guardian!: GuardianResponse | null;
  /** Set when this record was merged into another person's (follow it there). */
  @ApiProperty({ type: String, nullable: true })
  mergedInto!: string | null;
  createdAt!: string;
  /** Their cases in your scope, oldest first. */
  @ApiProperty({ type: [PersonCaseResponse] })
  cases!: PersonCaseResponse[];
  /** Merges into this person that are not undone (newest first). */
  @ApiProperty({ type: [PersonMergeResponse] })
  merges!: PersonMergeResponse[];
  /** True once the person's data was erased: every personal field is empty (name `[dihapus]`); sex, birth year and region stay for statistics. */
  erased!: boolean;
  @ApiProperty({ type: ErasureResponse, nullable: true })
  erasure!: ErasureResponse | null;
  @ApiProperty({ type: RestrictionResponse, nullable: true })
  restriction!: RestrictionResponse | null;
  @ApiProperty({ type: LegalHoldResponse, nullable: true })
  legalHold!: LegalHoldResponse | null;
}

/** One person found by a search (for picking the other person of a merge). */
export class PersonSummaryResponse {
  id!: string;
  name!: string;
  @ApiProperty({ enum: SEXES })
  sex!: Sex;
  birthYear!: number;
  regionCode!: string;
  caseCount!: number;
}

export class PersonSearchResponse {
  @ApiProperty({ type: [PersonSummaryResponse] })
  items!: PersonSummaryResponse[];
}
