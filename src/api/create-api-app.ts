import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { AGENCY_KEY_SCHEME } from '../auth/authenticated.decorator';
import { ApiModule } from './api.module';

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
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '100kb' });
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  // Security headers everywhere; the docs page needs inline script and style for Swagger UI.
  const strict = helmet();
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], upgradeInsecureRequests: null },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/docs') ? docs : strict)(req, res, next));
  if (config.http.corsOrigins.length > 0) app.enableCors({ origin: config.http.corsOrigins, credentials: false });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  app.enableShutdownHooks();
  return app;
}
