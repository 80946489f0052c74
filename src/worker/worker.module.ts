import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { LoggingModule } from '../common/logging/logging.module';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { ProtocolsModule } from '../protocols/protocols.module';
import { MonthlyReports } from '../reports/monthly/monthly-reports.service';
import { ReportsService } from '../reports/reports.service';
import { TemporalWorkers } from './temporal-workers.service';

/** Root module of the worker process: Temporal Worker + activities' dependencies (the protocols: retention periods; the monthly reports). No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, ProtocolsModule],
      providers: [TemporalWorkers, ReportsService, MonthlyReports],
    };
  }
}
