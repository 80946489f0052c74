import { Controller, Get } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IntakePointResponse } from './dto/intake-point.response';
import { PuskesosIntake } from './puskesos-intake.service';

@ApiTags('puskesos')
@Controller('puskesos')
export class PuskesosController {
  constructor(private readonly intake: PuskesosIntake) {}

  /** Where you take complaints in (a Puskesos officer: your village; staff: none). The intake form prefills and locks it. */
  @Get('intake-point')
  @Authenticated({ permission: 'case.create' })
  @ApiOkResponse({ type: IntakePointResponse })
  @ApiConflictResponse({ description: 'INTAKE_POINT_UNSET: your Puskesos has no village recorded yet' })
  intakePoint(@CurrentActor() actor: Actor): Promise<IntakePointResponse> {
    return this.intake.response(actor);
  }
}
