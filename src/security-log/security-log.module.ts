import { Module } from '@nestjs/common';
import { SecurityLog } from './security-log.service';

/** The security log, for every feature that manages accounts, agencies or credentials, or refuses by scope. */
@Module({ providers: [SecurityLog], exports: [SecurityLog] })
export class SecurityLogModule {}
