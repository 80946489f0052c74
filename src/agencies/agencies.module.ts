import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyQueueService } from './agency-queue.service';
import { SecurityLogModule } from '../security-log/security-log.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { AgencyCredentialEntity } from './agency-credential.entity';
import { AgencyEntity } from './agency.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity, AgencyCredentialEntity]), TemporalClientModule, SecurityLogModule],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgencyQueueService],
})
export class AgenciesModule {}
