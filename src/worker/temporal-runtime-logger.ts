import type { LogLevel as TemporalLogLevel } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import type { Logger as Pino } from 'pino';
import type { LogLevel } from '../config/app-config';

const TEMPORAL_LEVEL: Record<LogLevel, TemporalLogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  silent: 'ERROR',
};

/** Routes the Temporal SDK's own log lines (worker state, task failures) into the process's JSON logs. */
export function temporalRuntimeLogger(pino: Pino, level: LogLevel): DefaultLogger {
  return new DefaultLogger(TEMPORAL_LEVEL[level], ({ level: entryLevel, message, meta }) => {
    const method = entryLevel === 'TRACE' ? 'trace' : (entryLevel.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    pino[method]({ ...meta, component: 'temporal-sdk' }, message);
  });
}
