/** Every machine-readable error code Sinergi returns. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'ROUTE_NOT_FOUND'
  | 'CASE_NOT_FOUND'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'TEMPORAL_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL_ERROR';

/** HTTP status per code. A code without a status fails to compile (Record over the union). */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  ROUTE_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  TEMPORAL_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};
