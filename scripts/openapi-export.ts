import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../src/api/api.module';
import { buildOpenApiDocument } from '../src/api/openapi-document';
import { loadConfig } from '../src/config/app-config';

/**
 * `node dist/scripts/openapi-export.js <file>`: the API's OpenAPI document without a database or a
 * Temporal server (Nest's preview mode registers the routes without creating providers). The web
 * app's typed client is generated from it (`npm run web:api-types`); a test compares it with the
 * document the running API serves.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: openapi-export <file>');
  const app = await NestFactory.create(ApiModule.forRoot(loadConfig()), { preview: true, logger: false, abortOnError: false });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi-export failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
