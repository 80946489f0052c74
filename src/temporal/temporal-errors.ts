import { ApplicationFailure, isGrpcServiceError, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { TASK_FAILURES } from '../../workflows/case/task-rules';
import type { ErrorCode } from '../common/errors/error-codes';
import { DomainError } from '../common/errors/domain-error';
import { refusalReasonOf } from '../../workflows/case/stage-machine';

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

/**
 * Maps a refused case update (command or task work) to the API's answer; the workflow failed it with an
 * ApplicationFailure whose type says why. `closedPattern`/`closedCode` turn "already done" refusals into
 * their own 409 code; a workflow that no longer runs means the case is closed.
 */
export function translateUpdateFailure(error: unknown, closedPattern?: RegExp, closedCode: ErrorCode = 'ILLEGAL_TRANSITION'): never {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure) {
    const allowedActions = (cause.details?.[0] as { allowedActions?: string[] } | undefined)?.allowedActions ?? [];
    // The refusal's reason as a code and parameters, so a client can say it in its reader's language.
    const reason = refusalReasonOf(cause.message);
    const refusal = { allowedActions, ...(reason !== undefined ? { reasonCode: reason.code, reasonParams: reason.params } : {}) };
    switch (cause.type) {
      case TASK_FAILURES.illegal:
        if (closedPattern?.test(cause.message)) throw new DomainError(closedCode, cause.message);
        throw new DomainError('ILLEGAL_TRANSITION', cause.message, undefined, undefined, refusal);
      case TASK_FAILURES.role:
        throw new DomainError('ROLE_NOT_ALLOWED', cause.message, undefined, undefined, refusal);
      case TASK_FAILURES.invalid:
        throw new DomainError('VALIDATION_FAILED', cause.message);
      case TASK_FAILURES.otherAgency:
        throw new DomainError('OTHER_AGENCY', cause.message);
    }
  }
  if (error instanceof WorkflowNotFoundError) throw new DomainError('CASE_CLOSED', 'This case is closed and takes no more commands');
  return translateTemporalError(error);
}
