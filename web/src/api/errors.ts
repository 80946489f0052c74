import type { ErrorCode } from './client';

/** An error answer of the API (application/problem+json), or no answer at all (`NETWORK_ERROR`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR',
    readonly title: string,
    readonly details: { errors?: { field: string; messages: string[] }[]; allowedActions?: string[]; reasonCode?: string; reasonParams?: Record<string, string>; requestId?: string; retryAfterSeconds?: number; holds?: string[] } = {},
  ) {
    super(`${status} ${code}: ${title}`);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function problemOf(status: number, body: unknown, response: Response): ApiError {
  const problem = (body ?? {}) as { code?: ErrorCode; title?: string; errors?: { field: string; messages: string[] }[]; allowedActions?: string[]; reasonCode?: string; reasonParams?: Record<string, string>; requestId?: string; holds?: string[] };
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(status, problem.code ?? 'UNKNOWN_ERROR', problem.title ?? response.statusText, {
    errors: problem.errors,
    allowedActions: problem.allowedActions,
    reasonCode: problem.reasonCode,
    reasonParams: problem.reasonParams,
    requestId: problem.requestId ?? response.headers.get('x-request-id') ?? undefined,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    holds: problem.holds,
  });
}

/** The answer's data, or an ApiError for an error answer or a failed connection. */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  if (answer.error !== undefined || !answer.response.ok) throw problemOf(answer.response.status, answer.error, answer.response);
  return answer.data as T;
}

/** The API's messages for one field of a refused body (`person.guardian.name`, `aliases`…), if it named it. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.details.errors?.filter((e) => e.field === field).flatMap((e) => e.messages) ?? [];
  return messages.length > 0 ? messages.join('; ') : undefined;
}
