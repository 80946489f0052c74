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

/** The monthly report a MONTHLY_REPORT notification announces, with where to download it. */
export class MonthlyReportNotice {
  /** The stored report (`GET /reports/monthly/{id}/pdf|xlsx`). */
  id!: string;
  regionCode!: string;
  /** `YYYY-MM`. */
  month!: string;
  /** The announcement in Bahasa Indonesia, e.g. "Laporan bulanan November 2026 siap". */
  title!: string;
  /** API path of the PDF. */
  pdf!: string;
  /** API path of the workbook. */
  xlsx!: string;
}

/** Something that concerns you, from a case's ledger (or a stored monthly report). Ids and codes only: no personal data. */
export class NotificationResponse {
  /** `<caseId>:<seq>`: the ledger entry, stable across reads; `monthly-report:<id>` for a monthly report. */
  id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;
  /** The case it is about; null for a monthly report. */
  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;
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
  /** ISO-8601: when it happened (workflow time; a monthly report: when it was made). */
  occurredAt!: string;
  /** The monthly report of a MONTHLY_REPORT notification; null otherwise. */
  @ApiProperty({ type: MonthlyReportNotice, nullable: true })
  report!: MonthlyReportNotice | null;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] })
  items!: NotificationResponse[];
}
