import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DomainError } from '../common/errors/domain-error';
import { assignRequestId } from '../common/request-id';
import type { AppConfig } from '../config/app-config';
import { installBodyParsing } from './body-parsing';
import { installWebApp } from './web-app';

/** PostgreSQL text cannot hold U+0000, so a path parameter or query value carrying one is refused before any route. */
function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  next(/%00/.test(req.originalUrl) ? new DomainError('MALFORMED_REQUEST', 'The URL must not contain the NUL character (U+0000)') : undefined);
}

function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/docs') && !req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Express middleware in front of Nest's routing, in this order: the request id (so every answer,
 * even to an unreadable body, carries it), security headers and `Cache-Control: no-store`, CORS, then the body and path checks.
 * Their failures reach Nest's exception handling, i.e. the problem-details filter.
 */
export function installRequestPipeline(app: NestExpressApplication, config: AppConfig): void {
  app.use(assignRequestId);
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
  // Answers hold case files, API keys and setup codes: no browser or proxy may keep a copy.
  app.use(noStore);
  if (config.http.corsOrigins.length > 0) app.enableCors({ origin: config.http.corsOrigins, credentials: false });
  app.use(refuseNulInUrl);
  installWebApp(app, config.webDir);
  installBodyParsing(app);
}
