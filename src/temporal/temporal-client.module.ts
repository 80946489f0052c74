import { Module } from '@nestjs/common';
import { TemporalClientService } from './temporal-client.service';

/** Temporal client for the API process (no Worker here). */
@Module({ providers: [TemporalClientService], exports: [TemporalClientService] })
export class TemporalClientModule {}
