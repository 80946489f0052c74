import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ProtocolRegistry } from './protocol-registry';

/** Loads the regional protocols once at start; an invalid document stops the API with a clear message. */
@Global()
@Module({
  providers: [{ provide: ProtocolRegistry, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ProtocolRegistry.fromDirectory(config.protocolsDir) }],
  exports: [ProtocolRegistry],
})
export class ProtocolsModule {}
