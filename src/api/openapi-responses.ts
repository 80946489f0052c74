import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_DETAILS_SCHEMA, PROBLEM_MEDIA_TYPE } from '../common/errors/problem-details.schema';

const PROBLEM_SCHEMA_NAME = 'ProblemDetails';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BODY_METHODS = new Set<string>(['put', 'post', 'patch']);

interface Route {
  method: string;
  operation: OperationObject;
}

const parametersIn = ({ operation }: Route, place: string): boolean =>
  (operation.parameters ?? []).some((p: ParameterObject | ReferenceObject) => 'in' in p && p.in === place);

/**
 * What the request pipeline, the guard and the validation pipe answer, by the shape of the route.
 * Each rule holds for every route it matches, so controllers only declare their own answers (409s…).
 */
const RULES: { applies: (route: Route) => boolean; answers: Record<number, string> }[] = [
  {
    applies: ({ operation }) => (operation.security ?? []).length > 0,
    answers: {
      401: 'UNAUTHENTICATED: missing, invalid or expired credentials',
      403: 'PERMISSION_DENIED: your role may not do this; OUT_OF_SCOPE / OTHER_AGENCY: not yours',
    },
  },
  {
    applies: (route) => parametersIn(route, 'path'),
    answers: { 400: 'VALIDATION_FAILED or MALFORMED_REQUEST: a path parameter is malformed', 404: 'The resource named by the path does not exist' },
  },
  {
    applies: (route) => parametersIn(route, 'query') || parametersIn(route, 'header'),
    answers: { 400: 'VALIDATION_FAILED: a query parameter or header is invalid' },
  },
  {
    // Bodies are read on these methods whether or not the route declares one (see body-parsing.ts).
    applies: ({ method }) => BODY_METHODS.has(method),
    answers: {
      400: 'MALFORMED_REQUEST (unreadable JSON, nested too deep) or VALIDATION_FAILED; nothing changed',
      413: 'PAYLOAD_TOO_LARGE: the body is larger than the limit',
      415: 'UNSUPPORTED_MEDIA_TYPE: the body is not JSON, or its charset or Content-Encoding is not supported',
    },
  },
];

const hasSchema = (response: ResponseObject): boolean => Object.values(response.content ?? {}).some((media) => media.schema !== undefined);

/**
 * Completes the generated document: every route lists every status the rules say it can answer, and
 * every error answer without a schema of its own is documented as problem details (what
 * ProblemDetailsFilter writes), so a client or a fuzzer can check each answer against the spec.
 */
export function completeResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_DETAILS_SCHEMA } };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      for (const rule of RULES.filter((r) => r.applies({ method, operation }))) {
        for (const [status, description] of Object.entries(rule.answers)) operation.responses[status] ??= { description };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || response === undefined || '$ref' in response || hasSchema(response)) continue;
        response.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } };
      }
    }
  }
  return document;
}
