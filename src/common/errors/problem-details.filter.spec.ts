import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { toDomainError } from './problem-details.filter';

const driverError = (code: string) => Object.assign(new Error('driver message that may quote row values'), { code });

describe('toDomainError', () => {
  it('answers a transaction PostgreSQL undid for a concurrent one (deadlock, serialization failure) with 503 and Retry-After', () => {
    for (const code of ['40P01', '40001']) {
      const error = toDomainError(new QueryFailedError('UPDATE case_view …', [], driverError(code)));
      expect([error.code, error.retryAfterSeconds, error.message.includes('row values')]).toEqual(['SERVICE_UNAVAILABLE', 1, false]);
    }
  });

  it('keeps other database errors internal, and domain errors as they are', () => {
    expect(toDomainError(new QueryFailedError('INSERT …', [], driverError('23505'))).code).toBe('INTERNAL_ERROR');
    const domain = new DomainError('PERSON_MERGED', 'merged');
    expect(toDomainError(domain)).toBe(domain);
  });
});
