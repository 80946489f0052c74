import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporalDataConverter } from '../../src/config/app-config';
import type { BenchStack } from '../bench-stack';
import { pingUpdate } from './trivial-workflow';

/** What every part of `npm run bench` uses: the stack, a Temporal client with the codec, HTTP helpers, the anchor workflow. */
export interface BenchContext {
  stack: BenchStack;
  client: Client;
  /** Client without the codec, for the anchor workflow (its payloads are numbers). */
  plainClient: Client;
  /** Access tokens by demo username. */
  tokens: Record<string, string>;
  http: Http;
  /** Starts `n` trivial workflows and returns a function that sends one bare update to the i-th. */
  trivialTargets(n: number): Promise<(i: number) => Promise<void>>;
  /** Starts one trivial workflow (the anchor of an open). */
  startTrivial(): Promise<string>;
  /** Sends one bare update to a trivial workflow. */
  pingTrivial(workflowId: string): Promise<void>;
}

export const TRIVIAL_QUEUE = 'bench-trivial';

/** A JSON request to the API as one demo user. A command answered 202 is sent again with its key until it answers 200 (its whole wait counts). */
export interface Http {
  send(user: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}

export function httpOf(base: string, tokens: Record<string, string>): Http {
  return {
    async send(user, method, path, body) {
      const key = randomUUID();
      for (;;) {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user] ?? ''}`, ...(method === 'POST' ? { 'idempotency-key': key } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status === 202) continue;
        if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${res.status}: ${text.slice(0, 200)}`);
        return text ? (JSON.parse(text) as unknown) : undefined;
      }
    },
  };
}

export async function benchContext(stack: BenchStack, users: string[]): Promise<BenchContext & { close(): Promise<void> }> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, dataConverter: temporalDataConverter(stack.config) });
  const plainClient = new Client({ connection });
  const tokens: Record<string, string> = {};
  for (const user of users) tokens[user] = await stack.signIn(user);
  const startTrivial = async (): Promise<string> => {
    const workflowId = `trivial-${randomUUID()}`;
    await plainClient.workflow.start('trivialWorkflow', { workflowId, taskQueue: TRIVIAL_QUEUE });
    return workflowId;
  };
  const pingTrivial = async (workflowId: string): Promise<void> => void (await plainClient.workflow.getHandle(workflowId).executeUpdate(pingUpdate));
  return {
    stack,
    client,
    plainClient,
    tokens,
    http: httpOf(stack.base, tokens),
    startTrivial,
    pingTrivial,
    async trivialTargets(n) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push(await startTrivial());
      return (i) => pingTrivial(ids[i % n] as string);
    },
    close: () => connection.close(),
  };
}
