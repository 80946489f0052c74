import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AGENCY_KEY_SCHEME } from '../auth/authenticated.decorator';
import { portablePattern } from './openapi-patterns';
import { completeResponses } from './openapi-responses';

/** Replaces every `pattern` in the document by its portable spelling (see openapi-patterns.ts). */
function withPortablePatterns<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => withPortablePatterns(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]: [string, unknown]) => [key, key === 'pattern' && typeof value === 'string' ? portablePattern(value) : withPortablePatterns(value)]);
  return Object.fromEntries(entries) as T;
}

/** Parameters of every operation in one order (path, query, header; then by name), however the DTO metadata was loaded. */
function withSortedParameters(document: OpenAPIObject): OpenAPIObject {
  const rank = { path: 0, query: 1, header: 2, cookie: 3 } as Record<string, number>;
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { parameters?: { in?: string; name?: string }[] }[]) {
      operation.parameters?.sort((a, b) => (rank[a.in ?? ''] ?? 9) - (rank[b.in ?? ''] ?? 9) || (a.name ?? '').localeCompare(b.name ?? ''));
    }
  }
  return document;
}

/**
 * The OpenAPI document served at /docs/openapi.json: generated from the controllers and DTOs (their
 * JSDoc feeds the descriptions), then completed with the answers every route shares.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Sinergi API')
    .setDescription('Durable case orchestration for PMKS/PPKS social-welfare cases. Every error answer is application/problem+json with a `code` and the `requestId`.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /auth/login' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "An agency system's key (<keyId>.<secret>)" }, AGENCY_KEY_SCHEME)
    .build();
  return withSortedParameters(completeResponses(withPortablePatterns(SwaggerModule.createDocument(app, info))));
}
