import { ApiProperty } from '@nestjs/swagger';
import type { CaseStage, IntakeChannel, Sex } from '../../../workflows/contracts/case';
import { CASE_STAGES, INTAKE_CHANNELS, SEXES } from '../../../workflows/contracts/case';

export class PersonResponse {
  name!: string;
  @ApiProperty({ enum: SEXES })
  sex!: Sex;
  approximateAge!: number;
}

export class CaseActorResponse {
  id!: string;
  name!: string;
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
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
  /** Who opened the case (from their verified token). */
  @ApiProperty({ type: CaseActorResponse, nullable: true })
  openedBy!: CaseActorResponse | null;
  /** ISO-8601. */
  openedAt!: string;
  /** ISO-8601. */
  updatedAt!: string;
  /** Increases with every change to the case. */
  version!: number;
}

/** Returned with 202 when Temporal accepted the case but no worker has processed it yet. */
export class CaseAcceptedResponse {
  id!: string;
  /** Always `PENDING`: the case is durable and appears in reads once a worker processes it. */
  status!: 'PENDING';
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseResponse] })
  items!: CaseResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}
