import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { NotificationListResponse, NotificationsQuery } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /**
   * What concerns you, newest first: agency staff, new tasks in their agency's inbox and its overdue
   * tasks; case workers, missed stage deadlines and escalations in their region; supervisors, those and
   * overdue tasks; auditors and admins, nothing. Ids and codes only (no personal data).
   */
  @Get()
  @Authenticated({ permission: 'self.read' })
  @ApiOkResponse({ type: NotificationListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery): Promise<NotificationListResponse> {
    return this.notifications.list(actor, query);
  }
}
