import type { ErrorCode } from './error-codes';

/** One invalid field of a request body, query or header. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * Thrown by services for every expected failure; mapped to HTTP in one filter. Messages must never
 * contain personal data (they are returned to clients and logged).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
    /** Sent as `Retry-After` (lockouts, unavailability). */
    readonly retryAfterSeconds?: number,
    /** Extra machine-readable facts, e.g. the allowed next actions of a refused transition. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
