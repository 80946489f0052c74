import { NativeConnection } from '@temporalio/worker';

export interface BackoffOptions {
  address: string;
  attempts: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Thrown when the worker gave up reaching Temporal; the process then exits non-zero. */
export class TemporalUnreachableError extends Error {
  constructor(address: string, attempts: number, cause: unknown) {
    super(`Temporal unreachable at ${address} after ${attempts} attempts`, { cause });
    this.name = 'TemporalUnreachableError';
  }
}

/**
 * The SDK deliberately does not retry the first connection; a worker that starts before the server
 * would otherwise die at once (or, with some wrappers, stay up without polling). Retry with capped
 * exponential backoff, then give up loudly.
 */
export async function connectWithBackoff(options: BackoffOptions): Promise<NativeConnection> {
  const { address, attempts, initialDelayMs = 500, maxDelayMs = 15_000 } = options;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      lastError = error;
      if (attempt === attempts) break;
      const delayMs = Math.min(initialDelayMs * 2 ** (attempt - 1), maxDelayMs);
      options.onRetry?.(attempt, delayMs, error);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  throw new TemporalUnreachableError(address, attempts, lastError);
}
