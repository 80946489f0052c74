import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseViewEntity } from '../cases/case-view.entity';
import { AccessLogModule } from '../access-log/access-log.module';
import { CasesModule } from '../cases/cases.module';
import { PersonsModule } from '../persons/persons.module';
import { RaziaCases } from './razia-cases';
import { RaziaController } from './razia.controller';
import { RaziaEntity } from './razia.entity';
import { RaziaService } from './razia.service';

/** Razia intake: one Satpol PP operation, one case per person found (docs/razia.md). */
@Module({
  imports: [TypeOrmModule.forFeature([RaziaEntity, CaseViewEntity]), CasesModule, PersonsModule, AccessLogModule],
  controllers: [RaziaController],
  providers: [RaziaService, RaziaCases],
})
export class RaziaModule {}
