import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { HealthController } from './health.controller';
import { AttentionModule } from '../attention/attention.module';
import { AttentionHealthIndicator } from './attention.health';
import { MetricsController } from './metrics.controller';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), TemporalClientModule, AttentionModule],
  controllers: [HealthController, MetricsController],
  providers: [TemporalHealthIndicator, AttentionHealthIndicator],
})
export class HealthModule {}
