import { Module } from '@nestjs/common';
import { AccessLog } from './access-log.service';
import { AuditController } from './audit.controller';
import { Ledger } from './ledger.service';

/** The audit ledger's read side, the API's refusal entries, and the personal-data access log. */
@Module({ controllers: [AuditController], providers: [Ledger, AccessLog], exports: [Ledger, AccessLog] })
export class AuditModule {}
