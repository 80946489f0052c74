import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Connection } from '@temporalio/client';
import { ensureNamespaceReady } from '../temporal/namespace-setup';
import { exited, waitFor } from './processes';

interface ReadyMessage {
  type: 'ready';
  url?: string;
}

/**
 * Forks a Node entry point as a detached child (own process group: a terminal Ctrl-C reaches only the
 * launcher, which stops children in order) and resolves once it reports ready over IPC. Its output
 * goes to the launcher's console and is appended to `logFile`.
 */
export async function forkService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
  const child = fork(entry, [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.on('data', (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  child.once('close', () => log.end());
  const ready = new Promise<ReadyMessage>((resolveReady, reject) => {
    child.on('message', (message: ReadyMessage) => message.type === 'ready' && resolveReady(message));
    void exited(child).then((code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
  });
  return { child, ready: await ready };
}

/** Connects (retrying while the server comes up) and prepares the namespace; returns what changed. */
export async function prepareTemporal(address: string, namespace: string, retentionDays: number) {
  const connection = await waitFor(`Temporal at ${address}`, 60_000, () => Connection.connect({ address, connectTimeout: 2_000 }));
  try {
    return await ensureNamespaceReady(connection, namespace, retentionDays);
  } finally {
    await connection.close();
  }
}
