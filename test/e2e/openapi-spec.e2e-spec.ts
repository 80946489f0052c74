import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import request from 'supertest';
import { pythonIncompatibilities } from '../../src/api/openapi-patterns';
import { ERROR_HTTP_STATUS } from '../../src/common/errors/error-codes';
import { CASE_ACTIONS } from '../../workflows/contracts/commands';
import { HEALTH_RESULTS } from '../../workflows/contracts/lifecycle';
import { TASK_TYPES } from '../../workflows/contracts/task';
import { loadBuildTimeOpenApiMetadata } from '../helpers/openapi-metadata';
import { startApi } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Route = { name: string; method: string; operation: OperationObject };

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
/** The one error answer with a body of its own: the health report (@nestjs/terminus). */
const OWN_ERROR_BODIES = ['GET /health 503'];

/** Every `pattern` in the document, with where it is. */
function patternsIn(node: unknown, at: string): { at: string; pattern: string }[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]: [string, unknown]) =>
    key === 'pattern' && typeof value === 'string' ? [{ at, pattern: value }] : patternsIn(value, `${at}.${key}`),
  );
}

/**
 * The live document, as a client or a fuzzer reads it: every status a route can answer is listed, each
 * error answer is problem details, and every pattern is one that generators in other languages read.
 */
describe('the OpenAPI document', () => {
  let api: INestApplication;
  let spec: OpenAPIObject;
  let routes: Route[];

  beforeAll(async () => {
    await loadBuildTimeOpenApiMetadata();
    api = await startApi(testConfig());
    spec = (await request(api.getHttpServer()).get('/docs/openapi.json').expect(200)).body as OpenAPIObject;
    routes = Object.entries(spec.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
        const operation = item[method];
        return operation ? [{ name: `${method.toUpperCase()} ${path}`, method, operation }] : [];
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('lists, for every route, the statuses its shape implies', () => {
    const missing: string[] = [];
    for (const { name, method, operation } of routes) {
      const params = (operation.parameters ?? []) as ParameterObject[];
      const expected = [
        ...((operation.security ?? []).length > 0 ? ['401', '403'] : []),
        ...(params.length > 0 || operation.requestBody !== undefined || method !== 'get' ? ['400'] : []),
        ...(params.some((p) => p.in === 'path') ? ['404'] : []),
        ...(['post', 'put', 'patch'].includes(method) ? ['413', '415'] : []),
      ];
      missing.push(...expected.filter((status) => !(status in operation.responses)).map((status) => `${name} ${status}`));
    }
    expect(routes.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('documents the answers routes have of their own', () => {
    const statuses = (name: string) => Object.keys(routes.find((r) => r.name === name)?.operation.responses ?? {});
    expect(statuses('POST /cases')).toEqual(expect.arrayContaining(['201', '202', '409', '422', '503']));
    expect(statuses('POST /cases/nik-check')).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(statuses('POST /cases/{id}/close')).toEqual(expect.arrayContaining(['200', '409', '503']));
    expect(statuses('POST /tasks/{id}/complete')).toEqual(expect.arrayContaining(['200', '409', '503']));
    expect(statuses('POST /auth/login')).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(statuses('POST /auth/refresh')).toEqual(expect.arrayContaining(['200', '401']));
    expect(statuses('POST /agencies')).toEqual(expect.arrayContaining(['201', '409']));
    expect(statuses('POST /agencies/{id}/credentials/{keyId}/confirm')).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(statuses('GET /audit/events/export')).toEqual(expect.arrayContaining(['200', '422']));
    expect(statuses('GET /cases/{id}/history/export')).toEqual(expect.arrayContaining(['200', '404']));
    expect(statuses('GET /health')).toEqual(['200', '503']);
    expect(statuses('GET /notifications')).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
  });

  it("publishes each task type's outcome schema, the one the API and the workflow check", () => {
    const outcome = (spec.components?.schemas?.CompleteTaskDto as { properties: { outcome: { anyOf: { title: string; properties: Record<string, unknown>; additionalProperties: unknown }[] } } }).properties.outcome;
    expect(outcome.anyOf.map((o) => o.title)).toEqual([...TASK_TYPES]);
    const health = outcome.anyOf.find((o) => o.title === 'HEALTH_CHECK');
    expect(health).toMatchObject({ required: ['result'], additionalProperties: false, properties: { result: { enum: [...HEALTH_RESULTS] } } });
  });

  it('publishes notifications as ids and codes only (no field that could hold personal data)', () => {
    const notification = spec.components?.schemas?.NotificationResponse as { properties: Record<string, unknown> };
    expect(Object.keys(notification.properties).sort()).toEqual(['agencyCode', 'caseId', 'id', 'kind', 'occurredAt', 'report', 'stage', 'taskId', 'taskType']);
    expect(notification.properties.kind).toMatchObject({ enum: ['TASK_NEW', 'TASK_OVERDUE', 'DEADLINE_MISSED', 'ESCALATION', 'REPEAT_CASE', 'MONTHLY_REPORT'] });
    // A monthly report's notice: its id, region, month, a title Sinergi writes and the two download paths.
    const notice = spec.components?.schemas?.MonthlyReportNotice as { properties: Record<string, unknown> };
    expect(Object.keys(notice.properties).sort()).toEqual(['id', 'month', 'pdf', 'regionCode', 'title', 'xlsx']);
  });

  it("documents a case's details for its team: actions named as the stage machine names them, tasks without outcomes, timeline without payloads", () => {
    const schemas = spec.components?.schemas as Record<string, { properties: Record<string, { items?: { enum?: string[] } }> }>;
    for (const route of ['GET /cases/{id}/actions', 'GET /cases/{id}/tasks', 'GET /cases/{id}/timeline']) {
      expect([route, Object.keys(routes.find((r) => r.name === route)?.operation.responses ?? {})]).toEqual([route, expect.arrayContaining(['200', '401', '403', '404'])]);
    }
    expect(schemas.CaseActionsResponse?.properties.allowedActions?.items?.enum).toEqual([...CASE_ACTIONS]);
    expect(Object.keys(schemas.CaseTaskResponse?.properties ?? {})).not.toContain('outcome');
    expect(Object.keys(schemas.TimelineEntryResponse?.properties ?? {})).toEqual(expect.arrayContaining(['seq', 'action', 'outcome', 'actor', 'summary', 'stage', 'occurredAt']));
    expect(Object.keys(schemas.TimelineEntryResponse?.properties ?? {})).not.toContain('payload');
  });

  it('documents every error answer as problem details, whose code lists every error code', () => {
    const other: string[] = [];
    for (const { name, operation } of routes) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || OWN_ERROR_BODIES.includes(`${name} ${status}`)) continue;
        if (JSON.stringify((response as ResponseObject).content) !== JSON.stringify(PROBLEM)) other.push(`${name} ${status}`);
      }
    }
    expect(other).toEqual([]);
    const schema = spec.components?.schemas?.ProblemDetails as { properties: { code: { enum: string[] } } };
    expect(schema.properties.code.enum.sort()).toEqual(Object.keys(ERROR_HTTP_STATUS).sort());
  });

  it('uses only patterns that Python’s re (schemathesis, hypothesis-jsonschema) accepts', () => {
    const patterns = patternsIn(spec, 'spec');
    // The compiler plugin's metadata is loaded: patterns that only it copies from class-validator are here.
    expect(patterns.map((p) => p.at)).toContain('spec.components.schemas.CreateUserDto.properties.username');
    const incompatible = patterns.flatMap(({ at, pattern }) => pythonIncompatibilities(pattern).map((why) => `${at}: ${pattern} uses ${why}`));
    expect(incompatible).toEqual([]);
  });
});
