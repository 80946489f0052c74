import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseViewEntity } from '../cases/case-view.entity';
import { CasesModule } from '../cases/cases.module';
import { RaziaCases } from './razia-cases';
import { RaziaController } from './razia.controller';
import { RaziaEntity } from './razia.entity';
import { RaziaService } from './razia.service';

/** Razia intake: one Satpol PP operation, one case per person found (docs/razia.md). */
@Module({
  imports: [TypeOrmModule.forFeature([RaziaEntity, CaseViewEntity]), CasesModule],
  controllers: [RaziaController],
  providers: [RaziaService, RaziaCases],
})
export class RaziaModule {}
