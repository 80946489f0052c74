import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { CasePersonController } from './case-person.controller';
import { CaseRepeats } from './case-repeats.service';
import { PersonDecisions } from './person-decisions.service';
import { PersonDataReport } from './person-data-report.service';
import { PersonEdits } from './person-edits.service';
import { PersonErasure } from './person-erasure.service';
import { PersonMatcher } from './person-matcher.service';
import { PersonMerges } from './person-merges.service';
import { PersonRestrictions } from './person-restrictions.service';
import { PersonRightsController } from './person-rights.controller';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';
import { RepeatNotices } from './repeat-notices.service';

/**
 * The person registry (docs/persons.md). Below the cases feature: cases ask it for matches and repeats;
 * it reads case_view with SQL and never imports the cases module. Exports the matcher for other intakes.
 */
@Module({
  imports: [AccessLogModule, PersonalDataModule, SecurityLogModule, TemporalClientModule],
  controllers: [CasePersonController, PersonsController, PersonRightsController],
  providers: [PersonMatcher, CaseRepeats, PersonDecisions, PersonEdits, PersonErasure, PersonDataReport, PersonMerges, PersonRestrictions, PersonsService, RepeatNotices],
  exports: [PersonMatcher, CaseRepeats],
})
export class PersonsModule {}
