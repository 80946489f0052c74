import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { UserEntity } from '../users/user.entity';
import { PuskesosController } from './puskesos.controller';
import { PuskesosIntake } from './puskesos-intake.service';

/** Complaints taken in at a village Puskesos (SLRT, pmks-domain §5.2; docs/puskesos.md). */
@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity, UserEntity])],
  controllers: [PuskesosController],
  providers: [PuskesosIntake],
  exports: [PuskesosIntake],
})
export class PuskesosModule {}
