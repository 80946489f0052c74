import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { withSanitizedErrors } from './safe-errors';

/**
 * What makes and stores one region's monthly report (src/reports/monthly/monthly-reports.service.ts in
 * the worker): the month before `asOf` in the region's zone, stored once per region and month.
 */
export interface MonthlyReportProducer {
  produce(region: string, asOf: Date): Promise<'stored' | 'exists'>;
}

export interface MonthlyReportDeps {
  dataSource: DataSource;
  /** Absent (tests of other activities): the activity fails without retry. */
  monthlyReports?: MonthlyReportProducer;
}

/** The activity of the monthly reports (workflows/monthly-reports.workflow.ts), run by the worker's Temporal Schedule. */
export function createMonthlyReportActivities({ dataSource, monthlyReports }: MonthlyReportDeps) {
  return {
    /**
     * For every region that has an active supervisor, the previous month's report (PDF and workbook),
     * stored in `monthly_report` where the supervisors' notifications find it. Idempotent: a region
     * whose month is stored is skipped, so a retried activity finishes the rest. Counts only.
     */
    produceMonthlyReports: ({ asOf }: { asOf: string }): Promise<{ stored: number; existing: number }> => {
      if (monthlyReports === undefined) throw ApplicationFailure.nonRetryable('no monthly report producer in this worker', 'NoProducer');
      return withSanitizedErrors('produceMonthlyReports', async () => {
        const regions = await dataSource.query<{ region_code: string }[]>(`SELECT DISTINCT region_code FROM app_user WHERE role = 'SUPERVISOR' AND active ORDER BY 1`);
        let stored = 0;
        const failed: string[] = [];
        for (const { region_code: region } of regions) {
          Context.current().heartbeat(region);
          // One region's failure does not keep the regions after it from their report: each is tried, and
          // the activity fails at the end, so its retry makes only what is missing.
          try {
            if ((await monthlyReports.produce(region, new Date(asOf))) === 'stored') stored += 1;
          } catch {
            failed.push(region);
          }
        }
        if (failed.length > 0) throw new Error(`monthly reports failed for ${failed.length} of ${regions.length} regions (${failed.join(', ')}); ${stored} stored`);
        return { stored, existing: regions.length - stored };
      });
    },
  };
}
