import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import type { ErrorCode } from './error-codes';
import { ERROR_HTTP_STATUS } from './error-codes';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/**
 * A 503 (the health check's, when Temporal or the database is down): which checks are up or down, and
 * nothing else of the response (an indicator's message can quote a driver error).
 */
function unavailable(exception: HttpException): DomainError {
  const response = exception.getResponse() as { details?: Record<string, { status?: unknown }> };
  const checks = Object.fromEntries(Object.entries(response.details ?? {}).map(([name, check]) => [name, String(check.status)]));
  return new DomainError('SERVICE_UNAVAILABLE', 'A service the API depends on is unavailable', undefined, 5, { checks });
}

/**
 * PostgreSQL undid the request's transaction in favour of a concurrent one (deadlock_detected, e.g. two
 * changes to one person's cases that each wait for the other; serialization_failure): nothing changed
 * and a retry goes through.
 */
const CONCURRENCY_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof QueryFailedError && CONCURRENCY_SQLSTATES.has(String((exception.driverError as { code?: unknown }).code))) {
    return new DomainError('SERVICE_UNAVAILABLE', 'A concurrent change held what this request needed; nothing was changed, send it again', undefined, 1);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = HTTP_CODES[status] ?? (status < 500 ? 'MALFORMED_REQUEST' : 'INTERNAL_ERROR');
    if (code === 'SERVICE_UNAVAILABLE') return unavailable(exception);
    return new DomainError(code, status < 500 ? exception.message : 'Internal error');
  }
  return new DomainError('INTERNAL_ERROR', 'Internal error');
}

/**
 * The one place errors become HTTP responses: RFC 9457 problem details with a machine-readable
 * `code` and the request id, so a client can quote it and an operator can find the log line.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(ProblemDetailsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const error = toDomainError(exception);
    const status = ERROR_HTTP_STATUS[error.code];
    if (status >= 500 && error.code === 'INTERNAL_ERROR') {
      // Class and stack frames only: the message line of driver errors can quote row values (personal data).
      const frames = exception instanceof Error ? exception.stack?.split('\n').slice(1).join('\n') : undefined;
      const err = exception instanceof Error ? { type: exception.name, frames } : { type: typeof exception };
      this.logger.error({ err }, 'unhandled error');
    }
    if (error.retryAfterSeconds !== undefined) response.setHeader('retry-after', String(error.retryAfterSeconds));
    if (status === 401) response.setHeader('www-authenticate', 'Bearer realm="sinergi"');
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `https://sinergi.example/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
        title: error.message,
        status,
        code: error.code,
        ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
        ...(error.details ?? {}),
        requestId: typeof request.id === 'string' ? request.id : undefined,
      });
  }
}
