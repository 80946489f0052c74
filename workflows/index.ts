/** Entry point of the workflow bundle: every workflow type the case worker registers. */
export { caseWorkflow } from './case/case.workflow';
export { repeatNoticeSweep } from './repeat-notice-sweep.workflow';
export { monthlyReports } from './monthly-reports.workflow';
export { retentionSweep } from './retention-sweep.workflow';
