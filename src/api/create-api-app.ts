import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { AGENCY_KEY_SCHEME } from '../auth/authenticated.decorator';
import { ApiModule } from './api.module';
import { installRequestPipeline } from './request-pipeline';

/** Builds the OpenAPI document from the controllers and DTOs (their JSDoc feeds the descriptions). */
export function buildOpenApiDocument(app: NestExpressApplication) {
  const info = new DocumentBuilder()
    .setTitle('Sinergi API')
    .setDescription('Durable case orchestration for PMKS/PPKS social-welfare cases.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /auth/login' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "An agency system's key (<keyId>.<secret>)" }, AGENCY_KEY_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, info);
}

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
