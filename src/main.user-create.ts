import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './config/app-config';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth/passwords';
import { ConsoleUsersModule } from './users/console-users.module';
import { ConsoleUsers } from './users/console-users.service';
import { consoleUserDto } from './users/console-user-input';

const USAGE = `Creates an active user with a password (the first admin; the first supervisor of a region, who confirms
the accounts admins create there). The password is read from standard input. Recorded as actor "cli".
  npm run user:create -- --username NAME --role ROLE --region CODE [--agency-id UUID] [--display-name TEXT]
  ROLE: ADMIN, SUPERVISOR, CASE_WORKER, AUDITOR, AGENCY_OFFICER (needs --agency-id)
  CODE: province ("35"), kab/kota ("35.14"), or '' for the national scope (ADMIN, SUPERVISOR, AUDITOR);
  needs DATABASE_URL (migrated database). Onboarding a region: docs/onboarding.md`;

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
  const { dto, errors } = await consoleUserDto({ username: values.username, role: values.role, region: values.region, agencyId: values['agency-id'], displayName: values['display-name'] });
  const password = await readPassword();
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) errors.push(`password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`);
  if (errors.length > 0) throw new Error(`${errors.join('\n')}\n\n${USAGE}`);
  const app = await NestFactory.createApplicationContext(ConsoleUsersModule.forRoot(loadConfig()), { logger: ['error'] });
  try {
    const user = await app.get(ConsoleUsers).createActive(dto, password);
    process.stdout.write(`created ${user.role} ${user.username} (${user.id}) with region scope ${user.regionCode === '' ? 'national ("")' : user.regionCode}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
