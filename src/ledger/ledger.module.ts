import { Module } from '@nestjs/common';
import { LedgerRefusals } from './ledger-refusals.service';

/** The API's write path into the audit ledger (refused commands); below the features that refuse. */
@Module({ providers: [LedgerRefusals], exports: [LedgerRefusals] })
export class LedgerModule {}
