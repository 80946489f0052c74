import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseStage, GuardianInput, IntakeChannel, Sex } from '../../../workflows/contracts/case';
import { CASE_STAGES, INTAKE_CHANNELS, SEXES } from '../../../workflows/contracts/case';
import { GuardianDto } from '../../persons/dto/guardian.dto';
import { PersonCandidateResponse, RepeatResponse } from '../../persons/dto/person.response';

export class PersonResponse {
  name!: string;
  @ApiProperty({ enum: SEXES })
  sex!: Sex;
  approximateAge!: number;
  /** 16-digit NIK, when known (many people on the street have none). */
  nik?: string;
  /** YYYY-MM-DD, when known. */
  birthDate?: string;
  /** For a child: the guardian given at intake (the person's record may know better since: GET /persons/{id}). */
  @ApiPropertyOptional({ type: GuardianDto })
  guardian?: GuardianInput;
  /** True once the person's data was erased (their name then reads `[dihapus]`; sex and age stay for statistics). */
  erased?: boolean;
}

export class CaseActorResponse {
  id!: string;
  name!: string;
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
}

/** Where a complaint was taken in: a village Puskesos (docs/puskesos.md). Staff data, not the person's. */
export class CaseIntakePointResponse {
  /** Kemendagri desa/kelurahan code, plain 10 digits. */
  villageCode!: string;
  /** The Puskesos's name. */
  name!: string;
  /** The agency that took the complaint in (`PUSKESOS`). */
  agencyCode!: string;
}

export class ProtocolRefResponse {
  id!: string;
  version!: number;
}

export class WarningResponse {
  code!: string;
  field!: string;
  message!: string;
}

export class EscalationResponse {
  stage!: string;
  level!: number;
  notify!: string;
  at!: string;
}

export class ClosureResponse {
  reason!: string;
  note!: string;
}

export class LastActionResponse {
  action!: string;
  actorId!: string;
  actorName!: string;
  role!: string;
  at!: string;
}

export class CaseResponse {
  /** Case id (UUID); the Temporal workflow id is `case-<id>`. */
  id!: string;
  @ApiProperty({ enum: CASE_STAGES })
  stage!: CaseStage;
  @ApiProperty({ enum: INTAKE_CHANNELS })
  channel!: IntakeChannel;
  /** Plain 4-digit Kemendagri kab/kota code. */
  regionCode!: string;
  person!: PersonResponse;
  /** Kab/kota of origin when known (another region → repatriation path). */
  @ApiProperty({ type: String, nullable: true })
  originRegionCode!: string | null;
  /** The intake point of a complaint a village Puskesos took in; null for every other case. */
  @ApiProperty({ type: CaseIntakePointResponse, nullable: true })
  intakePoint!: CaseIntakePointResponse | null;
  /** The regional protocol pinned when the case opened. */
  @ApiProperty({ type: ProtocolRefResponse, nullable: true })
  protocol!: ProtocolRefResponse | null;
  /** PPKS categories from the assessment. */
  ppksCategories!: string[];
  /** Soft findings about the data (NIK, age/sex rules): stored and shown, never blocking. */
  @ApiProperty({ type: [WarningResponse] })
  warnings!: WarningResponse[];
  /** Agency responsible for the current stage (from the protocol). */
  @ApiProperty({ type: String, nullable: true })
  responsibleAgency!: string | null;
  /** When the current stage's deadline passes (ISO-8601). */
  @ApiProperty({ type: String, nullable: true })
  deadlineAt!: string | null;
  overdue!: boolean;
  @ApiProperty({ type: [EscalationResponse] })
  escalations!: EscalationResponse[];
  @ApiProperty({ type: ClosureResponse, nullable: true })
  closure!: ClosureResponse | null;
  @ApiProperty({ type: LastActionResponse, nullable: true })
  lastAction!: LastActionResponse | null;
  /** ISO-8601. */
  stageEnteredAt!: string;
  /** Who opened the case (from their verified token). */
  @ApiProperty({ type: CaseActorResponse, nullable: true })
  openedBy!: CaseActorResponse | null;
  /** ISO-8601. */
  openedAt!: string;
  /** ISO-8601. */
  updatedAt!: string;
  /** Increases with every change to the case. */
  version!: number;
  /** The registered person the case is about, once decided (docs/persons.md). Left out of `state?at=` answers. */
  @ApiPropertyOptional({ type: String, nullable: true })
  personId?: string | null;
  /** Set when the case's person has cases opened before this one. Left out of `state?at=` answers. */
  @ApiPropertyOptional({ type: RepeatResponse, nullable: true })
  repeat?: RepeatResponse | null;
}

/** `POST /cases`: the case, and the registered people it may be about (decide with `POST /cases/:id/person`). */
export class OpenedCaseResponse extends CaseResponse {
  @ApiProperty({ type: [PersonCandidateResponse] })
  personMatches!: PersonCandidateResponse[];
}

/** Returned with 202 when Temporal accepted the case but no worker has processed it yet. */
export class CaseAcceptedResponse {
  id!: string;
  /** Always `PENDING`: the case is durable and appears in reads once a worker processes it. */
  status!: 'PENDING';
  /** The registered people the case may be about (decide once the case is readable). */
  @ApiProperty({ type: [PersonCandidateResponse] })
  personMatches!: PersonCandidateResponse[];
}

/** Returned with 202 when the workflow accepted a command but its result is not readable yet. */
export class CommandAcceptedResponse {
  /** The case. */
  id!: string;
  /** Always `ACCEPTED`: the command is applied (durably, once) and shows in reads shortly. */
  status!: 'ACCEPTED';
  /** The request's id in the case's history (one per actor, action and Idempotency-Key). */
  requestId!: string;
  /** Send the same request again with this `Idempotency-Key` to receive its result; it is not applied twice. */
  idempotencyKey!: string;
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseResponse] })
  items!: CaseResponse[];
  /** Cases matching the filters (all pages). */
  total!: number;
  limit!: number;
  /** The offset asked for; 0 with `after` or `before`. */
  offset!: number;
  /** More cases follow: ask for them with `after` set to this (the page's last case). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  nextAfter!: string | null;
  /** Cases precede this page: ask for them with `before` set to this (the page's first case). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousBefore!: string | null;
}

export class AttentionResponse {
  caseId!: string;
  regionCode!: string;
  /** What failed: the read model (`projectCase`), the inbox (`projectTasks`) or ledger entries only (`ledger`). */
  operation!: string;
  /** PostgreSQL's SQLSTATE, e.g. `22P05` (a character jsonb cannot hold). */
  @ApiProperty({ type: String, nullable: true })
  sqlstate!: string | null;
  /** The case version the workflow holds (the read model may show an older one, or none). */
  caseVersion!: number;
  firstSeenAt!: string;
  lastSeenAt!: string;
  /** Failed writes since first seen. */
  occurrences!: number;
  /** Ledger entries the database refused, set aside by the workflow (still in Temporal's history). */
  quarantinedEntries!: number;
}

export class AttentionListResponse {
  @ApiProperty({ type: [AttentionResponse] })
  items!: AttentionResponse[];
  total!: number;
}
