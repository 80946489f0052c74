import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CaseAttention } from '../attention/case-attention.service';

/**
 * Cases needing attention are reported, not failed: the service works, a person must look at them. A
 * database that cannot answer the count is the database indicator's business.
 */
@Injectable()
export class AttentionHealthIndicator {
  constructor(
    private readonly attention: CaseAttention,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const cases = await this.attention.count().catch(() => null);
    return indicator.up({ casesNeedingAttention: cases });
  }
}
