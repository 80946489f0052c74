import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../../workflows/contracts/actor';
import { Authenticated } from '../../auth/authenticated.decorator';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { uuidParam } from '../../common/uuid-param';
import { MonthlyReportQuery, StoredMonthlyReportListResponse } from './dto/monthly-report.dto';
import type { MonthlyReportFile } from './monthly-reports.service';
import { MonthlyReports, PDF_TYPE, XLSX_TYPE } from './monthly-reports.service';

/** Sends a report file as an attachment named `laporan-bulanan-<region>-<YYYY-MM>.<ext>`. */
function attachment(res: Response, file: MonthlyReportFile): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
}

/**
 * The coordination forum's monthly report (docs/monthly-report.md): the figures of every
 * report section for a region and a calendar month as a PDF in Bahasa Indonesia and as an XLSX
 * workbook, made on request; and the reports the worker's schedule stored on the first of each month.
 */
@ApiTags('reports')
@Controller('reports/monthly')
export class MonthlyReportsController {
  constructor(private readonly monthly: MonthlyReports) {}

  /** Stored monthly reports of your scope, newest month first. */
  @Get()
  @Authenticated({ permission: 'report.read' })
  @ApiOkResponse({ type: StoredMonthlyReportListResponse })
  async list(@CurrentActor() actor: Actor): Promise<StoredMonthlyReportListResponse> {
    return { items: await this.monthly.list(actor) };
  }

  /** The monthly report as a PDF (A4, Bahasa Indonesia): region of your scope (default: yours), month (default: the previous one). */
  @Get('pdf')
  @Authenticated({ permission: 'report.read' })
  @ApiProduces(PDF_TYPE)
  @ApiOkResponse({ description: 'The PDF, as an attachment `laporan-bulanan-<region>-<YYYY-MM>.pdf`' })
  async pdf(@CurrentActor() actor: Actor, @Query() q: MonthlyReportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return attachment(res, await this.monthly.forCaller(actor, q.region, q.month, 'pdf'));
  }

  /** The same figures as an XLSX workbook: a cover sheet and one sheet per report section. */
  @Get('xlsx')
  @Authenticated({ permission: 'report.read' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook, as an attachment `laporan-bulanan-<region>-<YYYY-MM>.xlsx`' })
  async xlsx(@CurrentActor() actor: Actor, @Query() q: MonthlyReportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return attachment(res, await this.monthly.forCaller(actor, q.region, q.month, 'xlsx'));
  }

  /** A stored report's PDF. */
  @Get(':id/pdf')
  @Authenticated({ permission: 'report.read' })
  @ApiProduces(PDF_TYPE)
  @ApiOkResponse({ description: 'The stored PDF' })
  async storedPdf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return attachment(res, await this.monthly.stored(actor, id, 'pdf'));
  }

  /** A stored report's workbook. */
  @Get(':id/xlsx')
  @Authenticated({ permission: 'report.read' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The stored workbook' })
  async storedXlsx(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return attachment(res, await this.monthly.stored(actor, id, 'xlsx'));
  }
}
