import { applyDecorators } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';

/**
 * Marks a route that calls the Temporal service, documenting the 503 TEMPORAL_UNAVAILABLE it answers
 * when Temporal cannot be reached in time (translateTemporalError). Nothing happened: retry, with the
 * same Idempotency-Key where the route takes one.
 */
export function ReachesTemporal(): MethodDecorator {
  return applyDecorators(ApiServiceUnavailableResponse({ description: 'TEMPORAL_UNAVAILABLE: the workflow service could not be reached; retry later' }));
}
