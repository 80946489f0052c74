import type { FieldError } from '../common/errors/domain-error';
import { DomainError } from '../common/errors/domain-error';

/** Deepest nesting of objects and arrays a JSON body may have; Sinergi's own bodies nest 3 deep. */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
const nulField = (field: string): FieldError => ({ field: field === '' ? '(body)' : field, messages: ['must not contain the NUL character (U+0000)'] });

/**
 * What every JSON body must satisfy before validation sees it: nesting at most MAX_JSON_DEPTH deep
 * (class-transformer and class-validator recurse, and a deep enough body overflows their stack), and
 * no NUL character in any key or string (PostgreSQL text cannot hold one). The walk keeps its own
 * stack rather than recursing, for the same reason. Null when the body is fine.
 */
export function jsonShapeError(body: unknown): DomainError | null {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, path } = next;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return new DomainError('VALIDATION_FAILED', 'The request is invalid', [nulField(path)]);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return new DomainError('MALFORMED_REQUEST', `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (key.includes(NUL)) return new DomainError('VALIDATION_FAILED', 'The request is invalid', [nulField(path)]);
      pending.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return null;
}
