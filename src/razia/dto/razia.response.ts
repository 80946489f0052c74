import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseStage } from '../../../workflows/contracts/case';
import { CASE_STAGES } from '../../../workflows/contracts/case';
import type { RaziaFieldCode } from '../razia-rows';
import { RAZIA_FIELD_CODES } from '../razia-rows';
import { PersonCandidateResponse } from '../../persons/dto/person.response';

export const RAZIA_ROW_OUTCOMES = ['OPENED', 'REFUSED'] as const;
export type RaziaRowOutcome = (typeof RAZIA_ROW_OUTCOMES)[number];

/** One refused field of a row: the field of the person (`nik`, `sex`, `person` for the whole row) and why. */
export class RaziaFieldErrorResponse {
  field!: string;
  @ApiProperty({ enum: RAZIA_FIELD_CODES })
  code!: RaziaFieldCode;
}

/** The result for the person at one position of the razia. */
export class RaziaRowResponse {
  /** Position of the person in the razia's `people` (from 0). */
  position!: number;
  /** `OPENED`: the person's case is open (`caseId`); `REFUSED`: the row's `errors` say why, nothing was opened for it. */
  @ApiProperty({ enum: RAZIA_ROW_OUTCOMES })
  outcome!: RaziaRowOutcome;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId!: string | null;
  /** The case's current stage; null when refused, or while the case is not yet readable. */
  @ApiProperty({ enum: CASE_STAGES, nullable: true })
  stage!: CaseStage | null;
  @ApiProperty({ type: [RaziaFieldErrorResponse] })
  errors!: RaziaFieldErrorResponse[];
  /**
   * Registered people this row's person may be (docs/persons.md), in the answer to `POST /razia` for
   * those who decide a case's person (case workers, supervisors); later on the case page
   * (`GET /cases/{id}/person-candidates`). Absent from `GET /razia/{id}`.
   */
  @ApiPropertyOptional({ type: [PersonCandidateResponse] })
  personMatches?: PersonCandidateResponse[];
}

/** Who recorded the razia (staff identity). */
export class RaziaRecorderResponse {
  name!: string;
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
}

/** A razia as listed: operation fields and counts. */
export class RaziaSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  occurredAt!: string;
  place!: string;
  /** Desa/kelurahan code, plain 10 digits. */
  @ApiProperty({ type: String, nullable: true })
  villageCode!: string | null;
  /** Kab/kota code, plain 4 digits. */
  regionCode!: string;
  team!: string;
  recordedBy!: RaziaRecorderResponse;
  recordedAt!: string;
  /** People in the razia; `opened` + `refused` = `people`. */
  people!: number;
  opened!: number;
  refused!: number;
}

/** A razia with the result for each person, in position order. */
export class RaziaResponse extends RaziaSummaryResponse {
  @ApiProperty({ type: [RaziaRowResponse] })
  rows!: RaziaRowResponse[];
}

export class RaziaListResponse {
  @ApiProperty({ type: [RaziaSummaryResponse] })
  items!: RaziaSummaryResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}
