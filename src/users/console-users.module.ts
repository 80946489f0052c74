import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { ConsoleUsers } from './console-users.service';
import { UsersModule } from './users.module';

/** Root module of `npm run user:create`: the database and the user services, no HTTP. */
@Module({})
export class ConsoleUsersModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConsoleUsersModule, imports: [ConfigModule.forRoot(config), DatabaseModule, UsersModule, SecurityLogModule], providers: [ConsoleUsers] };
  }
}
