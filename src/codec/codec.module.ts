import { Module } from '@nestjs/common';
import { SecurityLogModule } from '../security-log/security-log.module';
import { CodecController } from './codec.controller';

/** The codec endpoint for operators' Temporal UI and CLI. */
@Module({ imports: [SecurityLogModule], controllers: [CodecController] })
export class CodecModule {}
