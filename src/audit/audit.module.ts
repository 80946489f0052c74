import { Module } from '@nestjs/common';
import { SecurityLogModule } from '../security-log/security-log.module';
import { AccessLog } from './access-log.service';
import { AuditController } from './audit.controller';
import { Ledger } from './ledger.service';
import { SecurityEventsController } from './security-events.controller';

/** The audit ledger's read side, the API's refusal entries, the personal-data access log and the security log's read route. */
@Module({ imports: [SecurityLogModule], controllers: [AuditController, SecurityEventsController], providers: [Ledger, AccessLog], exports: [Ledger, AccessLog] })
export class AuditModule {}
