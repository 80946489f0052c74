import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from './permissions';
import { rolesWith } from './permissions';

export const AUTH_POLICY = 'sinergi:auth-policy';
export const AGENCY_KEY_SCHEME = 'agency-key';

export type AuthPolicy = { public: true } | { permission: Permission };

/**
 * Declares the one permission a route needs. Drives both the global guard (authentication, then the
 * permission table) and the OpenAPI security docs, so they cannot drift apart. A route without this
 * decorator or @Public() is refused for everyone.
 */
export function Authenticated({ permission }: { permission: Permission }): MethodDecorator & ClassDecorator {
  const roles = rolesWith(permission);
  return applyDecorators(
    SetMetadata(AUTH_POLICY, { permission } satisfies AuthPolicy),
    ApiBearerAuth(),
    ...(roles.includes('AGENCY_SYSTEM') ? [ApiSecurity(AGENCY_KEY_SCHEME)] : []),
    ApiExtension('x-permission', { permission, roles }),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired credentials (UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `Requires ${permission} (roles: ${roles.join(', ')}) and the resource in your scope` }),
  );
}

/** Open to anyone (health, login, token refresh). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(AUTH_POLICY, { public: true } satisfies AuthPolicy);
}
