import { useCallback, useRef } from 'react';

/** 128 random bits as hex (crypto.getRandomValues works outside secure contexts too, unlike randomUUID). */
export function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per submission of one form's content: sending the same content again — a retry
 * after an error, a dropped connection or a 202 — sends the same key, so the API applies it once and
 * answers with its result; changed content is a new submission with a new key (the API would refuse
 * the old key with other content, or answer the old result for it). After success a fresh key is taken.
 */
export function useIdempotencyKey(): { key: (body?: unknown) => string; done: () => void } {
  const current = useRef<{ key: string; content: string } | null>(null);
  const key = useCallback((body?: unknown) => {
    const content = JSON.stringify(body ?? null);
    if (current.current === null || current.current.content !== content) current.current = { key: randomKey(), content };
    return current.current.key;
  }, []);
  const done = useCallback(() => {
    current.current = null;
  }, []);
  return { key, done };
}
