import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { checkedKey } from '../common/request-key';
import { IdempotencyKeyEntity } from './idempotency-key.entity';


/** JSON with object keys sorted: equal requests give equal text, whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `Idempotency-Key` claims. The first request with a key inserts the claim with a fresh case id;
 * every retry, concurrent or later, reads that same id back. A key reused with a different body is
 * refused rather than silently returning an unrelated case.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly claims: Repository<IdempotencyKeyEntity>) {}

  async claimCaseId(operation: string, clientKey: string, request: unknown): Promise<string> {
    const key = `${operation}:${checkedKey(clientKey)}`;
    const requestFingerprint = createHash('sha256').update(canonicalJson(request)).digest('hex');
    await this.claims
      .createQueryBuilder()
      .insert()
      .values({ key, requestFingerprint, caseId: randomUUID() })
      .orIgnore()
      .execute();
    const claim = await this.claims.findOneByOrFail({ key });
    if (claim.requestFingerprint !== requestFingerprint) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    }
    return claim.caseId;
  }
}
