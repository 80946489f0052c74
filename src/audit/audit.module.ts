import { Module } from '@nestjs/common';
import { SecurityLogModule } from '../security-log/security-log.module';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AuditController } from './audit.controller';
import { Ledger } from './ledger.service';
import { SecurityEventsController } from './security-events.controller';

/** The auditors' API: the ledger's read side, the personal-data access log and the security log. Nothing imports it. */
@Module({ imports: [SecurityLogModule, AccessLogModule, PersonalDataModule], controllers: [AuditController, SecurityEventsController], providers: [Ledger] })
export class AuditModule {}
