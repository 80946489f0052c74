import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { AGENCY_CODE_FORMAT } from '../../../workflows/domain/agency-codes';
import { PageQuery } from '../../common/page.query';
import { FreeText } from '../../common/validation/free-text.decorator';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import type { Sex } from '../../../workflows/contracts/case';
import { SEXES } from '../../../workflows/contracts/case';
import type { TaskStatus, TaskType } from '../../../workflows/contracts/task';
import type { InboxAction } from '../../../workflows/case/task-rules';
import { INBOX_ACTIONS } from '../../../workflows/case/task-rules';
import { TASK_STATUSES, TASK_TYPES } from '../../../workflows/contracts/task';
import { OUTCOME_SCHEMAS } from '../../../workflows/case/task-outcomes';
import { openApiSchema } from '../../common/validation/zod-openapi';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /** Only this agency's tasks (supervisors and auditors see every agency of their region). */
  @ApiPropertyOptional({ example: 'DINKES' })
  @IsOptional()
  @Matches(AGENCY_CODE_FORMAT, { message: 'agencyCode must be an agency code such as DINKES' })
  agencyCode?: string;

  /** Only this case's tasks. */
  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** true: only open tasks past their due time. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

/** Every task type's outcome schema, published as the body's alternatives (the task's type picks one; two types share a shape). */
const OUTCOME_ALTERNATIVES = TASK_TYPES.map((type) => ({ title: type, ...openApiSchema(OUTCOME_SCHEMAS[type]) }));

export class CompleteTaskDto {
  /** Typed per task type (`workflows/case/task-outcomes.ts`); checked against the task's own type, unknown fields refused. */
  @ApiProperty({ anyOf: OUTCOME_ALTERNATIVES, example: { result: 'FIT' } })
  @IsObject()
  outcome!: Record<string, unknown>;
}

export class RejectTaskDto {
  /** Why the agency declines the task. */
  @FreeText({ max: TEXT_LIMITS.note, multiline: true })
  reason!: string;
}

export class ReferToRegencyDto {
  /** Why the complaint goes to the regency's unit (kept in the case's ledger and the unit's task). */
  @FreeText({ max: TEXT_LIMITS.note, multiline: true })
  reason!: string;
}

export class ReassignTaskDto {
  /** A user of the task's agency. */
  @IsUUID()
  assigneeUserId!: string;
}

/** What the task's agency needs to know of the person (per task type, src/tasks/task-brief.ts); never the NIK, findings or notes. */
export class TaskCaseBriefResponse {
  name?: string;
  @ApiPropertyOptional({ enum: SEXES })
  sex?: Sex;
  approximateAge?: number;
  /** Shelter, rehabilitation and child protection: the case's PPKS categories. */
  ppksCategories?: string[];
  /** Reintegration and repatriation: the kab/kota the person comes from. */
  @ApiPropertyOptional({ type: String, nullable: true })
  originRegionCode?: string | null;
}

/** A complaint a village Puskesos referred to the regency's unit: why, and by whom. */
export class TaskReferralResponse {
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  /** The Puskesos officer who referred it. */
  @ApiProperty({ type: String, nullable: true })
  referredBy!: string | null;
}

export class TaskResponse {
  id!: string;
  caseId!: string;
  @ApiProperty({ enum: TASK_TYPES })
  type!: TaskType;
  agencyCode!: string;
  regionCode!: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
  dispatchedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  dueAt!: string | null;
  /** Claim before this time (the protocol's taskAcceptance). */
  @ApiProperty({ type: String, nullable: true })
  acceptBy!: string | null;
  /** The task's escalation ladder fired, or it is open past its due time. */
  overdue!: boolean;
  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;
  @ApiProperty({ type: Object, nullable: true })
  outcome!: Record<string, unknown> | null;
  /**
   * What you may do with this task now (the workflow's own rules, workflows/case/task-rules.ts); empty
   * once it is closed. A Puskesos intake task offers `referToRegency` (POST /tasks/:id/refer-to-regency) in place of completing it.
   */
  @ApiProperty({ enum: INBOX_ACTIONS, isArray: true })
  allowedActions!: InboxAction[];
  /** The person as far as this task needs (null until the case is in the read model). */
  @ApiProperty({ type: TaskCaseBriefResponse, nullable: true })
  case!: TaskCaseBriefResponse | null;
  /** REGENCY_REFERRAL tasks: the Puskesos's reason and officer; null for every other task. */
  @ApiProperty({ type: TaskReferralResponse, nullable: true })
  referral!: TaskReferralResponse | null;
}

/** Returned with 202 when the case workflow accepted the request but its result is not readable yet. */
export class TaskAcceptedResponse {
  /** The task. */
  id!: string;
  /** Always `ACCEPTED`: applied once; send the same request again with `idempotencyKey` for its result. */
  status!: 'ACCEPTED';
  requestId!: string;
  idempotencyKey!: string;
}

export class TaskListResponse {
  @ApiProperty({ type: [TaskResponse] })
  items!: TaskResponse[];
  total!: number;
}
