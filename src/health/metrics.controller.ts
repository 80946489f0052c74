import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { CaseAttention } from '../attention/case-attention.service';
import { Public } from '../auth/authenticated.decorator';

/** Prometheus metrics of the API process: counts only, never personal data. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(attention: CaseAttention) {
    collectDefaultMetrics({ register: this.registry, prefix: 'sinergi_api_' });
    new Gauge({
      name: 'sinergi_cases_needing_attention',
      help: 'Cases whose data the read model refused (listed at GET /cases/attention)',
      registers: [this.registry],
      collect: async function (this: Gauge) {
        this.set(await attention.count());
      },
    });
  }

  /** Prometheus text format. */
  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
