import { QueryFailedError } from 'typeorm';

/** True for PostgreSQL's unique_violation (SQLSTATE 23505): the database settled a race or a duplicate. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}
