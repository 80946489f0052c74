import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateUserDto } from './dto/user.dto';

/** What the operator typed at `npm run user:create` (the password is read apart, from standard input). */
export interface ConsoleUserInput {
  username?: string;
  role?: string;
  region?: string;
  agencyId?: string;
  displayName?: string;
}

/**
 * The console's account, validated by the same DTO as `POST /users` (so a national scope, `--region ''`,
 * is accepted for the same roles). Answers the DTO and every problem found (empty when valid).
 */
export async function consoleUserDto(input: ConsoleUserInput): Promise<{ dto: CreateUserDto; errors: string[] }> {
  const dto = plainToInstance(CreateUserDto, {
    username: input.username,
    displayName: input.displayName ?? input.username,
    role: input.role,
    regionCode: input.region,
    agencyId: input.agencyId,
  });
  const errors = (await validate(dto, { whitelist: true })).flatMap((e) => Object.values(e.constraints ?? {}));
  return { dto, errors };
}
