import { Module } from '@nestjs/common';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

/** Onboarding a region over HTTP (docs/onboarding.md): the map of the caller's regions. Accounts and agencies are the users and agencies modules'. */
@Module({
  controllers: [RegionsController],
  providers: [RegionsService],
})
export class OnboardingModule {}
