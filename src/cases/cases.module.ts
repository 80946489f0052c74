import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttentionModule } from '../attention/attention.module';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PersonsModule } from '../persons/persons.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { CaseViewEntity } from './case-view.entity';
import { CaseCommandsController } from './case-commands.controller';
import { CaseDetailsController } from './case-details.controller';
import { CaseDetails } from './case-details.service';
import { CaseCommands } from './case-commands.service';
import { CaseWorkflows } from './case-workflows';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyKeys } from './idempotency-keys';
import { NikCheckController } from './nik-check.controller';
import { NikChecks } from './nik-checks.service';
import { PuskesosModule } from '../puskesos/puskesos.module';

@Module({
  imports: [TypeOrmModule.forFeature([CaseViewEntity, IdempotencyKeyEntity]), TemporalClientModule, LedgerModule, AccessLogModule, PersonalDataModule, AttentionModule, SecurityLogModule, PuskesosModule, PersonsModule],
  controllers: [CasesController, CaseCommandsController, NikCheckController, CaseDetailsController],
  providers: [CasesService, CaseCommands, CaseDetails, CaseWorkflows, IdempotencyKeys, NikChecks],
  // The razia module opens its cases through the same door as a single opening.
  exports: [CaseWorkflows],
})
export class CasesModule {}
