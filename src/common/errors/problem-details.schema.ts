import type { SchemaObject } from '@nestjs/swagger';
import type { ErrorCode } from './error-codes';
import { ERROR_HTTP_STATUS } from './error-codes';
import { REFUSAL } from '../../../workflows/case/stage-machine';

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
    reasonCode: { type: 'string', enum: [...Object.keys(REFUSAL), 'NOT_IN_STAGE', 'ROLE_REQUIRED'], description: "Refused commands: why, as a code (the title says it in English; workflows/case/stage-machine.ts REFUSAL)" },
    reasonParams: { type: 'object', additionalProperties: { type: 'string' }, description: 'Refused commands: the values the reason names (action, stage, roles)' },
    requestId: { type: 'string', description: 'The X-Request-Id of this request: quote it when reporting a problem' },
  },
  additionalProperties: true,
};
