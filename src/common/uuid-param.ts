import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './errors/domain-error';

/** Validates a UUID path parameter, failing like every other validation (400 VALIDATION_FAILED). */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field, messages: [`${field} must be a UUID`] }]),
  });
}
