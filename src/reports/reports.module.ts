import { Module } from '@nestjs/common';
import { MonthlyReportsController } from './monthly/monthly-reports.controller';
import { MonthlyReports } from './monthly/monthly-reports.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Figures for the coordination forum from the report summary tables, and its monthly report (docs/reports.md). */
@Module({
  controllers: [ReportsController, MonthlyReportsController],
  providers: [ReportsService, MonthlyReports],
  exports: [ReportsService, MonthlyReports],
})
export class ReportsModule {}
