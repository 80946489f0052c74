/**
 * Example of an agency running its own system on its Sinergi queue (here: a health office's SIMRS).
 *
 * 1. It asks Sinergi who its API key belongs to (`GET /auth/me`: agency and region), then a Temporal
 *    Worker on that region's queue of the agency, `agency-<region>-<code>` (e.g. `agency-3514-dinkes`),
 *    receives each task the case workflows dispatch to it — its own region's only — (activity
 *    `dispatchAgencyTask`), records it in the agency's own store (a JSON-lines file here) and returns a
 *    receipt. Sinergi then shows the task in the agency's inbox.
 * 2. A loop completes the agency's open health checks through Sinergi's API with the agency's API key
 *    (machine to machine), which moves each case on by itself.
 *
 *   SINERGI_API_KEY=<keyId.secret> npm run example:agency-worker
 *
 * The key comes from two people: an admin issues it (`POST /agencies/:id/credentials`, no key in that
 * answer) and a supervisor of the agency's region confirms it and receives the key
 * (`POST /agencies/:id/credentials/:keyId/confirm`); the README shows both with curl.
 *
 * Environment: TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE (default),
 * SINERGI_API_URL (http://localhost:3000), SINERGI_API_KEY (required), EXAMPLE_INBOX_FILE.
 */
import { appendFileSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AgencyTaskOrder, TaskReceipt } from '../../workflows/contracts/task';
import { DEVELOPMENT_PAYLOAD_KEYS, EnvKeyring } from '../../src/temporal/codec/env-keyring';
import { sinergiDataConverter } from '../../src/temporal/codec/payload-codec';
import { agencyTaskQueue } from '../../workflows/contracts/task';

const api = process.env.SINERGI_API_URL ?? 'http://localhost:3000';
const apiKey = process.env.SINERGI_API_KEY;
let agency = 'AGENCY';
const log = (message: string) => process.stdout.write(`[${agency} system] ${message}\n`);

/** The agency side of the contract: record the task in our own system, answer with a receipt. */
function dispatchAgencyTask(inboxFile: string, order: AgencyTaskOrder): Promise<TaskReceipt> {
  appendFileSync(inboxFile, `${JSON.stringify(order)}\n`);
  log(`received ${order.type} for case ${order.caseId} in ${order.regionCode} (key ${order.taskKey})`);
  return Promise.resolve({ taskId: `${agency.toLowerCase()}-${order.taskKey}`, recordedBy: `example ${agency} system` });
}

async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${api}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-api-key': apiKey as string } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

/** Completes open health checks as FIT (a real system would use the examination's result). */
async function completeOpenHealthChecks(): Promise<void> {
  const { items } = (await call('/tasks?status=OPEN')) as { items: { id: string; type: string; caseId: string }[] };
  for (const task of items.filter((t) => t.type === 'HEALTH_CHECK')) {
    await call(`/tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ outcome: { result: 'FIT', findings: 'examined by the example system' } }) });
    log(`completed HEALTH_CHECK ${task.id} as FIT; case ${task.caseId} moves on`);
  }
}

async function main(): Promise<void> {
  if (apiKey === undefined) throw new Error('Set SINERGI_API_KEY to the agency API key (issued by an admin, confirmed by a supervisor: POST /agencies/:id/credentials/:keyId/confirm)');
  const me = (await call('/auth/me')) as { agencyCode: string; regionCode: string };
  agency = me.agencyCode;
  const taskQueue = agencyTaskQueue(me.regionCode, me.agencyCode);
  const inboxFile = process.env.EXAMPLE_INBOX_FILE ?? `example-${agency.toLowerCase()}-inbox.jsonl`;
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    // Sinergi encrypts every Temporal payload: a worker on an agency queue holds the same keyring
    // (SINERGI_PAYLOAD_KEYS; unset → the development key of `npm start`).
    dataConverter: sinergiDataConverter(new EnvKeyring(process.env.SINERGI_PAYLOAD_KEYS ?? DEVELOPMENT_PAYLOAD_KEYS, process.env.SINERGI_PAYLOAD_KEY_ACTIVE)),
    taskQueue,
    activities: { dispatchAgencyTask: (order: AgencyTaskOrder) => dispatchAgencyTask(inboxFile, order) },
  });
  log(`polling ${taskQueue}; completing health checks through ${api}`);
  const timer = setInterval(() => void completeOpenHealthChecks().catch((error: unknown) => log(String(error))), 2_000);
  process.once('SIGINT', () => worker.shutdown());
  process.once('SIGTERM', () => worker.shutdown());
  await worker.run();
  clearInterval(timer);
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
