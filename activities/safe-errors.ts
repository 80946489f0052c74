import { ApplicationFailure } from '@temporalio/common';
import { PROJECTION_DATA_ERROR } from '../workflows/contracts/projection';

interface DriverError {
  name?: string;
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/** SQLSTATE classes of errors in the data itself (22 data exception, 23 integrity): retrying cannot help. */
const DATA_ERROR_CLASSES = ['22', '23'];

/**
 * Database driver messages can quote the offending values (`invalid input syntax for type uuid: "…"`),
 * and activity failures are logged by the SDK and stored in workflow history. Activities therefore
 * rethrow with structural facts only: SQLSTATE, table, column, constraint — never values.
 */
export class SanitizedActivityError extends Error {
  constructor(operation: string, cause: unknown) {
    const e = (cause ?? {}) as DriverError;
    const facts = [
      e.code ? `sqlstate=${e.code}` : undefined,
      e.table ? `table=${e.table}` : undefined,
      e.column ? `column=${e.column}` : undefined,
      e.constraint ? `constraint=${e.constraint}` : undefined,
    ].filter(Boolean);
    super(`${operation} failed (${e.name ?? 'Error'}${facts.length ? `; ${facts.join(', ')}` : ''})`);
    this.name = 'SanitizedActivityError';
  }
}

/** Runs a side effect, replacing any error by a SanitizedActivityError (retry behaviour unchanged). */
export async function withSanitizedErrors<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SanitizedActivityError(operation, error);
  }
}

/**
 * A projection write: sanitised like every activity error, and non-retryable when PostgreSQL refuses
 * the data itself (a NUL in a text, an invalid escape in JSON…), which would fail on every retry. The
 * workflow then marks the case for attention instead of waiting forever.
 */
export async function asProjection<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const sqlstate = (error as DriverError | null)?.code;
    const sanitized = new SanitizedActivityError(operation, error);
    if (typeof sqlstate === 'string' && DATA_ERROR_CLASSES.includes(sqlstate.slice(0, 2))) {
      throw ApplicationFailure.create({ type: PROJECTION_DATA_ERROR, message: sanitized.message, nonRetryable: true, details: [{ sqlstate }] });
    }
    throw sanitized;
  }
}
