import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { CasesService } from './cases.service';
import { CaseAcceptedResponse, CaseListResponse, CaseResponse } from './dto/case.response';
import { ListCasesQuery } from './dto/list-cases.query';
import { OpenCaseDto } from './dto/open-case.dto';

const caseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'id', messages: ['id must be a UUID'] }]),
});

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Opens a case: starts its durable workflow and returns it once it is readable. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the same case' })
  @ApiCreatedResponse({ type: CaseResponse, description: 'The case is open and readable' })
  @ApiAcceptedResponse({ type: CaseAcceptedResponse, description: 'Accepted and durable; readable once a worker processes it' })
  async open(
    @Body() dto: OpenCaseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse | CaseAcceptedResponse> {
    const outcome = await this.cases.openCase(dto, idempotencyKey);
    res.status(outcome.httpStatus);
    return outcome.body;
  }

  /** One case from the read model. */
  @Get(':id')
  @ApiOkResponse({ type: CaseResponse })
  get(@Param('id', caseIdPipe) id: string): Promise<CaseResponse> {
    return this.cases.getCase(id);
  }

  /** Cases, newest first, optionally filtered. */
  @Get()
  @ApiOkResponse({ type: CaseListResponse })
  list(@Query() query: ListCasesQuery): Promise<CaseListResponse> {
    return this.cases.listCases(query);
  }
}
