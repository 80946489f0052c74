import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientService } from '../temporal/temporal-client.service';

/** Temporal is "up" when its frontend answers a health check within two seconds. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const { connection } = this.temporal;
    try {
      await connection.withDeadline(Date.now() + 2_000, () => connection.healthService.check({}));
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Temporal frontend unreachable' });
    }
  }
}
