import { ApiProperty } from '@nestjs/swagger';
import type { CaseStage } from '../../../workflows/contracts/case';
import { CASE_STAGES } from '../../../workflows/contracts/case';
import type { CaseAction } from '../../../workflows/contracts/commands';
import { CASE_ACTIONS } from '../../../workflows/contracts/commands';
import type { LedgerOutcome } from '../../../workflows/contracts/ledger';
import { LEDGER_OUTCOMES } from '../../../workflows/contracts/ledger';
import type { TaskStatus, TaskType } from '../../../workflows/contracts/task';
import { TASK_STATUSES, TASK_TYPES } from '../../../workflows/contracts/task';

/** What the caller may do next with a case, decided by the stage machine for the caller's role. */
export class CaseActionsResponse {
  id!: string;
  /** The stage the actions are for (the read model's). */
  @ApiProperty({ enum: CASE_STAGES })
  stage!: CaseStage;
  /** The case version the actions are for; it increases with every change. */
  version!: number;
  /**
   * Commands the stage machine allows now for your role (`POST /cases/{id}/<command>` in kebab-case; `closeCase` is `/close`).
   * Whether a given payload passes the domain guards is decided when it is sent. Empty for a closed case and for read-only roles.
   */
  @ApiProperty({ enum: CASE_ACTIONS, isArray: true })
  allowedActions!: CaseAction[];
  /** The stages the case has been in (from its ledger, the current one included), in lifecycle order. */
  @ApiProperty({ enum: CASE_STAGES, isArray: true })
  stagesEntered!: CaseStage[];
  /** A repeat under its protocol's repeat rules: the assessment (`recordAssessment`) must carry `earlierPlanReference`. */
  requiresEarlierPlanReference!: boolean;
}

/** An agency task of a case, as its case team sees it: its state, never its recorded outcome or free text. */
export class CaseTaskResponse {
  id!: string;
  @ApiProperty({ enum: TASK_TYPES })
  type!: TaskType;
  /** The agency the task was given to. */
  agencyCode!: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
  /** ISO-8601. */
  dispatchedAt!: string;
  /** Complete by (ISO-8601). */
  @ApiProperty({ type: String, nullable: true })
  dueAt!: string | null;
  /** Claim before this time (the protocol's taskAcceptance). */
  @ApiProperty({ type: String, nullable: true })
  acceptBy!: string | null;
  /** The task's escalation ladder fired, or it is open past its due time. */
  overdue!: boolean;
  /** Who claimed it (an officer of the agency), if anyone. */
  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;
  /** When it was completed, rejected or cancelled (ISO-8601). */
  @ApiProperty({ type: String, nullable: true })
  closedAt!: string | null;
}

export class CaseTaskListResponse {
  /** Oldest first. */
  @ApiProperty({ type: [CaseTaskResponse] })
  items!: CaseTaskResponse[];
}

export class TimelineActorResponse {
  name!: string;
  /** A role, or `SYSTEM` for what Sinergi itself recorded (timers, dispatch). */
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
}

/** One entry of the case's audit ledger, summarised: no payload, no free text, no personal data. */
export class TimelineEntryResponse {
  /** Position in the case's ledger (1, 2, …). */
  seq!: number;
  /** A command (`startHealthCheck`, …), a task action (`claimTask`, …) or an event (`stageChanged`, `taskOrdered`, `escalated`, …). */
  action!: string;
  @ApiProperty({ enum: LEDGER_OUTCOMES })
  outcome!: LedgerOutcome;
  @ApiProperty({ type: TimelineActorResponse })
  actor!: TimelineActorResponse;
  /** The agency the entry concerns, if any. */
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
  /** One line without personal data, e.g. `HEALTH_CHECK → ASSESSMENT`. */
  summary!: string;
  /** The stage the case was in when this entry was recorded (before the change it belongs to); null when the ledger does not say. */
  @ApiProperty({ enum: CASE_STAGES, nullable: true })
  stage!: CaseStage | null;
  /** ISO-8601 workflow time (API time for refused commands). */
  occurredAt!: string;
}

export class CaseTimelineResponse {
  /** Newest first. */
  @ApiProperty({ type: [TimelineEntryResponse] })
  items!: TimelineEntryResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}
