import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RegionListResponse } from './dto/region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /**
   * The regions of your scope and what each has: agencies, accounts, the protocol its new cases get.
   * Admins choose among them when creating an agency or an account (the API still checks the scope).
   */
  @Get()
  @Authenticated({ permission: 'user.read' })
  @ApiOkResponse({ type: RegionListResponse })
  list(@CurrentActor() actor: Actor): Promise<RegionListResponse> {
    return this.regions.list(actor);
  }
}
