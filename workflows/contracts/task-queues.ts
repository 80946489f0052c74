/** Default task queue of case workflows; deployments may override it (TEMPORAL_TASK_QUEUE). */
export const DEFAULT_CASE_TASK_QUEUE = 'sinergi-cases';
