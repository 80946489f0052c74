import { useCallback, useRef } from 'react';

/** 128 random bits as hex (crypto.getRandomValues works outside secure contexts too, unlike randomUUID). */
export function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per form submission: the same key is sent again when the user retries after
 * an error or a dropped connection (so the API never applies it twice), and a fresh one is taken
 * once the submission succeeded.
 */
export function useIdempotencyKey(): { key: () => string; done: () => void } {
  const current = useRef<string | null>(null);
  const key = useCallback(() => (current.current ??= randomKey()), []);
  const done = useCallback(() => {
    current.current = null;
  }, []);
  return { key, done };
}
