import type { AgencyTaskDeps } from './agency-task.activities';
import { createAgencyTaskActivities } from './agency-task.activities';
import type { AgencyWebhookDeps } from './agency-webhook.activities';
import { createAgencyWebhookActivities } from './agency-webhook.activities';
import type { CaseProjectionDeps } from './case-projection.activities';
import { createCaseProjectionActivities } from './case-projection.activities';
import type { MonthlyReportDeps } from './monthly-report.activities';
import { createMonthlyReportActivities } from './monthly-report.activities';
import { createRepeatNoticeActivities } from './repeat-notice.activities';
import type { RetentionDeps } from './retention.activities';
import { createRetentionActivities } from './retention.activities';

export type ActivityDeps = CaseProjectionDeps & AgencyTaskDeps & AgencyWebhookDeps & RetentionDeps & MonthlyReportDeps;

/** Activities of the case task queue, built from explicit dependencies (no framework inside). */
export function createActivities(deps: ActivityDeps) {
  return { ...createCaseProjectionActivities(deps), ...createAgencyWebhookActivities(deps), ...createRepeatNoticeActivities(deps), ...createRetentionActivities(deps), ...createMonthlyReportActivities(deps) };
}

/** Activities served on every agency queue (`agency-<code>`) by Sinergi's worker. */
export function createAgencyActivities(deps: ActivityDeps) {
  return { ...createAgencyTaskActivities(deps) };
}

/** The types workflows proxy against (`proxyActivities<Activities>`, `proxyActivities<AgencyActivities>`). */
export type Activities = ReturnType<typeof createActivities>;
export type AgencyActivities = ReturnType<typeof createAgencyActivities>;
