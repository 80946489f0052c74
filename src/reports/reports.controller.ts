import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ReportCasesQuery, ReportCasesResponse, ReportQuery, ReportResponse } from './dto/report.dto';
import { ReportsService } from './reports.service';

/**
 * The coordination forum's figures (docs/reports.md): supervisors, auditors and admins of a region (a
 * province's staff per regency and summed). Counts of 1–4 leave as "<5". The cases behind a figure are
 * listed only for roles that may list cases.
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The cases behind one row of a figure, newest first. */
  @Get('cases')
  @Authenticated({ permission: 'case.list' })
  @ApiOkResponse({ type: ReportCasesResponse })
  async cases(@CurrentActor() actor: Actor, @Query() query: ReportCasesQuery): Promise<ReportCasesResponse> {
    const { figure, key, limit, offset, ...filter } = query;
    const { items, total } = await this.reports.casesBehind(actor, figure, key, filter, limit, offset);
    return { items, total, limit, offset };
  }

  /** Cases opened (by channel, PPKS category, sex, age group, intake point) and closed (by reason) in the period. */
  @Get('intake')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  intake(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'intake', query);
  }

  /** Open cases now, by stage, responsible agency and case worker. */
  @Get('caseload')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  caseload(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'caseload', query);
  }

  /** Time in each stage, first response against the protocol's limit, tasks claimed and completed on time, escalations. */
  @Get('timeliness')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  timeliness(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'timeliness', query);
  }

  /** Repatriations sent and received, reintegrations by type, outcomes at the monitoring visits. */
  @Get('reintegration')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  reintegration(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'reintegration', query);
  }

  /** Persons seen again within 12 months, and the repeat rate by PPKS category. */
  @Get('repeats')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  repeats(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'repeats', query);
  }

  /** The headline figures per kab/kota of the region (a province's staff compare their regencies). */
  @Get('regions')
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: ReportResponse })
  regions(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<ReportResponse> {
    return this.reports.report(actor, 'regions', query);
  }
}
