import type { SchemaObject } from '@nestjs/swagger';
import type { ErrorCode } from './error-codes';
import { ERROR_HTTP_STATUS } from './error-codes';

/** Media type of every error answer (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** OpenAPI schema of the body ProblemDetailsFilter writes; `code` lists every ErrorCode. */
export const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: 'URI naming the problem kind, derived from `code`' },
    title: { type: 'string', description: 'What went wrong, for people; never personal data' },
    status: { type: 'integer', description: 'The HTTP status, repeated' },
    code: { type: 'string', enum: Object.keys(ERROR_HTTP_STATUS) as ErrorCode[], description: 'Machine-readable reason' },
    errors: {
      type: 'array',
      description: 'Per-field validation messages (VALIDATION_FAILED)',
      items: { type: 'object', required: ['field', 'messages'], properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
    },
    allowedActions: { type: 'array', items: { type: 'string' }, description: 'Refused commands: what the case allows next' },
    requestId: { type: 'string', description: 'The X-Request-Id of this request: quote it when reporting a problem' },
  },
  additionalProperties: true,
};
