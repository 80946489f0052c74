import { Controller, Get } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/authenticated.decorator';
import { AttentionHealthIndicator } from './attention.health';
import { TemporalHealthIndicator } from './temporal.health';

const CHECKS: SchemaObject = { type: 'object', additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } } };
const HEALTHY_SCHEMA: SchemaObject = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] }, info: CHECKS, error: CHECKS, details: CHECKS } };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly attention: AttentionHealthIndicator,
  ) {}

  /** 200 when Temporal and the database answer, 503 otherwise (with which one is down); also how many cases need attention. */
  @Get()
  @Public()
  // Documented here, not by terminus: a failed check is answered by ProblemDetailsFilter (problem details with `checks`).
  @ApiOkResponse({ description: 'Every check is up', schema: HEALTHY_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE: Temporal or the database does not answer; `checks` says which (up/down)' })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.temporal.check('temporal'), () => this.database.pingCheck('database', { timeout: 2_000 }), () => this.attention.check('attention')]);
  }
}
