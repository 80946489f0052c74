import { Module } from '@nestjs/common';
import { SecurityLogModule } from '../security-log/security-log.module';
import { CodecController } from './codec.controller';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AccessLogModule } from '../access-log/access-log.module';

/** The codec endpoint for operators' Temporal UI and CLI. */
@Module({ imports: [SecurityLogModule, PersonalDataModule, AccessLogModule], controllers: [CodecController] })
export class CodecModule {}
