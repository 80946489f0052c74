import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { AuthService } from './auth.service';
import { Authenticated, Public } from './authenticated.decorator';
import { CurrentActor } from './current-actor.decorator';
import { ActorResponse, ChangePasswordDto, LoginDto, RefreshDto, SetupPasswordDto, TokenResponse } from './dto/auth.dto';
import { PasswordsService } from './passwords.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
  ) {}

  /** Exchanges username and password for an access token and a refresh token. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS (the same for an unknown user and a wrong password)' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED after repeated failures (Retry-After says how long)' })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<TokenResponse> {
    return this.auth.login(dto, address);
  }

  /** Spends a refresh token for a new token pair (rotation; a replayed token revokes its family). */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: the refresh token is unknown, spent, revoked or expired' })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Revokes a refresh token (and its family). Access tokens expire on their own. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: the refresh token is unknown, spent, revoked or expired' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  /** Sets the password of a new (or reset) account with its one-time setup code, which is then spent. Log in next. */
  @Post('setup-password')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; the account is ACTIVE' })
  @ApiUnauthorizedResponse({ description: 'INVALID_SETUP_CODE (the same for a wrong, used or expired code)' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED after repeated failures from this address (Retry-After says how long)' })
  setupPassword(@Body() dto: SetupPasswordDto, @Ip() address: string): Promise<void> {
    return this.passwords.setup(dto, address);
  }

  /** Changes your own password; your other sessions end (their refresh tokens are revoked) and this answer starts a new one. */
  @Post('password')
  @HttpCode(200)
  @Authenticated({ permission: 'self.password' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiForbiddenResponse({ description: 'WRONG_CURRENT_PASSWORD (counts towards the account lockout)' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED after repeated wrong current passwords (Retry-After says how long)' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Ip() address: string): Promise<TokenResponse> {
    return this.passwords.change(actor, dto, address);
  }

  /** The verified actor of this request and its role's permissions. */
  @Get('me')
  @Authenticated({ permission: 'self.read' })
  @ApiOkResponse({ type: ActorResponse })
  me(@CurrentActor() actor: Actor): ActorResponse {
    return this.auth.me(actor);
  }
}
