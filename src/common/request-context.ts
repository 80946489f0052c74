import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Observable } from 'rxjs';

interface RequestContext {
  requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the HTTP request being served (the `X-Request-Id` it was answered with), if any. */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/**
 * Runs each handler inside a context holding its request id, so records written on its behalf (the
 * personal-data access log) name the request without passing it through every call.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ id?: unknown }>();
    const requestId = typeof req.id === 'string' ? req.id : null;
    return new Observable((subscriber) => storage.run({ requestId }, () => next.handle().subscribe(subscriber)));
  }
}
