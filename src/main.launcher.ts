import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { loadConfig } from './config/app-config';
import { Launcher } from './launcher/launcher';

/** `npm start`: the whole system on one machine, supervised, stopped cleanly by Ctrl-C, SIGTERM or SIGHUP. */
async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const launcher = new Launcher(config);
  // SIGHUP too: a closed terminal must not leave the servers running without their launcher.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void launcher.shutdown(0));
  await launcher.start().catch(async (error: unknown) => {
    process.stdout.write(`[sinergi] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    await launcher.shutdown(1);
  });
}

main().catch((error: unknown) => {
  process.stdout.write(`[sinergi] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
