import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SecurityLogModule } from '../security-log/security-log.module';
import { UserEntity } from '../users/user.entity';
import { AgencyKeysService } from './agency-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginFailureEntity } from './login-failure.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordsService } from './passwords.service';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensService } from './refresh-tokens.service';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, AgencyEntity, RefreshTokenEntity, LoginFailureEntity]),
    // A KeyObject made once: given the string, jsonwebtoken tries to parse it as a public key (and
    // throws) on every verification before it makes a secret key of it (docs/performance.md).
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) }) }),
    SecurityLogModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordsService, TokensService, RefreshTokensService, LoginThrottleService, AgencyKeysService, AuthGuard],
  exports: [AuthGuard, TokensService, AgencyKeysService, RefreshTokensService],
})
export class AuthModule {}
