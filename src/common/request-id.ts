import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type IdentifiedRequest = IncomingMessage & { id?: unknown };

/**
 * The request's id: a well-formed incoming `X-Request-Id` is reused, otherwise one is minted. Set once
 * on `req.id` and echoed as the `X-Request-Id` response header; later calls return the same id.
 */
export function requestId(req: IdentifiedRequest, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * First middleware of the API: the id exists before the body is read, so an answer to a body that
 * cannot be parsed carries it too (pino-http then reuses `req.id`).
 */
export function assignRequestId(req: IdentifiedRequest, res: ServerResponse, next: () => void): void {
  requestId(req, res);
  next();
}
