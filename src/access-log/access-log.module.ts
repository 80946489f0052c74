import { Module } from '@nestjs/common';
import { AccessLog } from './access-log.service';

/** The personal-data access log: written by every feature that returns a case's data, read by auditors. */
@Module({ providers: [AccessLog], exports: [AccessLog] })
export class AccessLogModule {}
