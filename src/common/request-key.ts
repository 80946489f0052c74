import { randomUUID } from 'node:crypto';
import { DomainError } from './errors/domain-error';

/** An `Idempotency-Key`: 1–200 visible ASCII characters (it becomes part of a Temporal update id). */
const KEY_FORMAT = /^[\x21-\x7E]{1,200}$/;

/** Checks a client's `Idempotency-Key` (400 IDEMPOTENCY_KEY_INVALID when malformed). */
export function checkedKey(key: string): string {
  if (!KEY_FORMAT.test(key)) throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–200 visible ASCII characters');
  return key;
}

/** The request's key: the client's, checked, or a fresh one (a request without a key is applied once too). */
export function requestKeyOf(key: string | undefined): string {
  return key === undefined ? randomUUID() : checkedKey(key);
}
