import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from '../auth/auth.guard';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';
import { createValidationPipe } from '../common/validation/validation-pipe';
import { LoggingModule } from '../common/logging/logging.module';
import { RequestContextInterceptor } from '../common/request-context';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { HealthModule } from '../health/health.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { ProtocolsModule } from '../protocols/protocols.module';
import { RaziaModule } from '../razia/razia.module';
import { ReportsModule } from '../reports/reports.module';
import { CodecModule } from '../codec/codec.module';
import { TasksModule } from '../tasks/tasks.module';
import { UsersModule } from '../users/users.module';

/** Root module of the API process: HTTP, Temporal client, read model. No Worker. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, ProtocolsModule, AuthModule, HealthModule, CasesModule, TasksModule, UsersModule, AgenciesModule, AuditModule, NotificationsModule, OnboardingModule, RaziaModule, ReportsModule, CodecModule],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        // Deny by default: every route must be @Public() or declare its permission with @Authenticated.
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
