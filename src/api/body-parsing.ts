import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { jsonShapeError } from './json-shape';

/** Largest body accepted (after decompression); larger ones are refused with 413 unread. */
export const BODY_LIMIT = '100kb';

/** Only these methods carry a body in Sinergi's API; a body sent with GET or DELETE is never read. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPES = ['application/json', 'application/*+json'];

const isJson = (req: IncomingMessage): boolean => typeof (req as Request).is(JSON_TYPES) === 'string';
const hasContent = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
const takesBody = (req: IncomingMessage): boolean => BODY_METHODS.has(req.method ?? '');

interface BodyReadError {
  status: number;
  type?: unknown;
}
const isBodyReadError = (error: unknown): error is BodyReadError =>
  error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && (error as { expose?: unknown }).expose === true;

/**
 * The one translation of body-parser's failures into domain errors. Titles are fixed: the parser's
 * own messages quote the body (a JSON syntax error shows the text around it), which may be personal data.
 */
export function translateBodyReadError(error: unknown): unknown {
  if (!isBodyReadError(error)) return error;
  switch (error.type) {
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `The body is larger than ${BODY_LIMIT}`);
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset: send JSON in UTF-8');
    case 'encoding.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Encoding: send identity, gzip, deflate or br');
    case 'entity.parse.failed':
      return new DomainError('MALFORMED_REQUEST', 'The body is not valid JSON');
  }
  // Aborted uploads, a Content-Length that does not match, corrupt compressed data.
  return error.status < 500 ? new DomainError('MALFORMED_REQUEST', 'The body could not be read') : error;
}

/** A body on POST, PUT or PATCH must be JSON (an empty one may have any type). */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (takesBody(req) && hasContent(req) && !isJson(req)) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
    return;
  }
  next(jsonShapeError(req.body) ?? undefined);
}

/**
 * Reads JSON bodies of POST, PUT and PATCH (up to BODY_LIMIT) and checks them before any route sees
 * them; every failure is a DomainError, so the problem-details filter answers it with a 4xx.
 */
export function installBodyParsing(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT, type: (req: IncomingMessage) => takesBody(req) && isJson(req) });
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(translateBodyReadError(error)));
  app.use(requireJsonBody);
}
