import type { DynamicModule } from '@nestjs/common';
import { Global, Inject, Module } from '@nestjs/common';
import type { AppConfig } from './app-config';

/** DI token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

/** Provides one validated AppConfig to the whole process; built by the entry point, not from env here. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
