import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Actor } from '../workflows/contracts/actor';
import type { AppConfig } from './config/app-config';
import { loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { CreateUserDto } from './users/dto/user.dto';
import { UsersModule } from './users/users.module';
import { UsersService } from './users/users.service';

const USAGE = `Creates a user (e.g. the first admin in production). The password is read from standard input.
  npm run user:create -- --username NAME --role ROLE --region CODE [--agency-id UUID] [--display-name TEXT]
  ROLE: ADMIN, SUPERVISOR, CASE_WORKER, AUDITOR, AGENCY_OFFICER (needs --agency-id)
  CODE: province ("35") or kab/kota ("35.14"); needs DATABASE_URL (migrated database)`;

/** The operator at the console: national scope, acting as ADMIN, recorded as "cli". */
const CONSOLE_ACTOR: Actor = { id: 'cli', kind: 'user', name: 'cli', role: 'ADMIN', regionCode: '', agencyId: null, agencyCode: null };

@Module({})
class UserCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: UserCliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, UsersModule] };
  }
}

/** Reads one line from stdin; on a terminal the typed characters are not echoed. */
async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write('Password: ');
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, 'agency-id': { type: 'string' }, 'display-name': { type: 'string' } },
  });
  if (values.username === undefined || values.role === undefined) throw new Error(USAGE);
  const dto = plainToInstance(CreateUserDto, {
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    role: values.role,
    regionCode: values.region,
    agencyId: values['agency-id'],
    password: await readPassword(),
  });
  const errors = await validate(dto, { whitelist: true });
  if (errors.length > 0) throw new Error(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('\n') + `\n\n${USAGE}`);
  const app = await NestFactory.createApplicationContext(UserCliModule.forRoot(loadConfig()), { logger: ['error'] });
  try {
    const user = await app.get(UsersService).create(CONSOLE_ACTOR, dto);
    process.stdout.write(`created ${user.role} ${user.username} (${user.id}) with region scope ${user.regionCode}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
