import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [TemporalClientModule, AuditModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
