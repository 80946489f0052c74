import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { Actor } from '../../workflows/contracts/actor';

export interface RequestWithActor {
  actor?: Actor;
}

/** The verified actor of the request (set by the global AuthGuard; never read from the body). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (actor === undefined) throw new Error('CurrentActor used on a route without @Authenticated');
  return actor;
});
