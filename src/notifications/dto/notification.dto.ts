import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Instant } from '../../common/validation/instant.decorator';
import type { TaskType } from '../../../workflows/contracts/task';
import { TASK_TYPES } from '../../../workflows/contracts/task';
import type { NotificationKind } from '../notification-kinds';
import { NOTIFICATION_KINDS } from '../notification-kinds';

export class NotificationsQuery {
  /** Only what happened after this instant (exclusive), e.g. when you last looked. */
  @Instant({ optional: true })
  since?: string;

  /** At most this many, newest first (1–100). */
  @ApiPropertyOptional({ type: Number, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

/** Something that concerns you, from a case's ledger. Ids and codes only: no personal data. */
export class NotificationResponse {
  /** `<caseId>:<seq>`: the ledger entry, stable across reads. */
  id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;
  caseId!: string;
  /** The stage whose deadline was missed or escalated, when the entry names one. */
  @ApiProperty({ type: String, nullable: true })
  stage!: string | null;
  /** The agency task it is about, if any (its id in the inbox, once delivered). */
  @ApiProperty({ type: String, nullable: true })
  taskId!: string | null;
  @ApiProperty({ enum: TASK_TYPES, nullable: true })
  taskType!: TaskType | null;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
  /** ISO-8601: when it happened (workflow time). */
  occurredAt!: string;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] })
  items!: NotificationResponse[];
}
