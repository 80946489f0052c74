import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyCredentialEntity } from './agency-credential.entity';
import { AgencyEntity } from './agency.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity, AgencyCredentialEntity])],
  controllers: [AgenciesController],
  providers: [AgenciesService],
})
export class AgenciesModule {}
