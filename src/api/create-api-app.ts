import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './openapi-document';
import { installRequestPipeline } from './request-pipeline';

/** The API application exactly as production runs it (tests use this too). Not yet listening. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  // Nest's default parsers are off: installRequestPipeline reads JSON bodies, and only those.
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  installRequestPipeline(app, config);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  app.enableShutdownHooks();
  return app;
}
