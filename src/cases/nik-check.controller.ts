import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { NikCheckDto } from './dto/nik-check.dto';
import { NikCheckResponse } from './dto/nik-check.response';
import { NikChecks } from './nik-checks.service';

@ApiTags('cases')
@Controller('cases')
export class NikCheckController {
  constructor(private readonly nikChecks: NikChecks) {}

  /**
   * Checks a NIK the way `POST /cases` does, without opening a case: hard errors (the case would be
   * refused) and soft warnings (stored with the case). Nothing is stored, logged or looked up.
   */
  @Post('nik-check')
  @HttpCode(200)
  @Authenticated({ permission: 'case.create' })
  @ApiOkResponse({ type: NikCheckResponse, description: 'The findings; `valid: false` is an answer, not an error' })
  check(@Body() dto: NikCheckDto): NikCheckResponse {
    return this.nikChecks.check(dto);
  }
}
