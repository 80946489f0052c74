import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PuskesosModule } from '../puskesos/puskesos.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [TemporalClientModule, LedgerModule, AccessLogModule, PersonalDataModule, SecurityLogModule, PuskesosModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
