import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { DomainError } from '../common/errors/domain-error';

// gRPC status codes: CANCELLED 1, DEADLINE_EXCEEDED 4, UNAVAILABLE 14.
const UNREACHABLE = new Set<number>([1, 4, 14]);

/** True when the error means "Temporal could not be reached in time", not "Temporal said no". */
export function isTemporalUnreachable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const cause = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(cause) && UNREACHABLE.has(cause.code);
}

/** The one translation of Temporal client failures into domain errors; unknown errors pass through. */
export function translateTemporalError(error: unknown): never {
  if (isTemporalUnreachable(error)) {
    throw new DomainError('TEMPORAL_UNAVAILABLE', 'The workflow service is unavailable; retry later');
  }
  throw error;
}
