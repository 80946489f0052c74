import { Module } from '@nestjs/common';
import { PuskesosModule } from '../puskesos/puskesos.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** The notification bell's feed, read from the case ledger. Nothing imports it. */
@Module({ imports: [PuskesosModule], controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
