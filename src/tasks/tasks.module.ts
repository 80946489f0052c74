import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [TemporalClientModule, AuditModule, SecurityLogModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
