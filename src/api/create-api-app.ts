import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { ApiModule } from './api.module';

/** Builds the OpenAPI document from the controllers and DTOs (their JSDoc feeds the descriptions). */
export function buildOpenApiDocument(app: NestExpressApplication) {
  const info = new DocumentBuilder()
    .setTitle('Sinergi API')
    .setDescription('Durable case orchestration for PMKS/PPKS social-welfare cases.')
    .setVersion('0.1.0')
    .build();
  return SwaggerModule.createDocument(app, info);
}

/** The API application exactly as production runs it (tests use this too). Not yet listening. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '100kb' });
  app.disable('x-powered-by');
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  app.enableShutdownHooks();
  return app;
}
