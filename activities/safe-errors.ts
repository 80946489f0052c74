/**
 * Database driver messages can quote the offending values (`invalid input syntax for type uuid: "…"`),
 * and activity failures are logged by the SDK and stored in workflow history. Activities therefore
 * rethrow with structural facts only: SQLSTATE, table, column, constraint — never values.
 */
export class SanitizedActivityError extends Error {
  constructor(operation: string, cause: unknown) {
    const e = (cause ?? {}) as { name?: string; code?: string; table?: string; column?: string; constraint?: string };
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
