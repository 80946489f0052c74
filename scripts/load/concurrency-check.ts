import { randomUUID } from 'node:crypto';
import type { Answer, SinergiHttp } from './http-client';

export interface ConcurrencyOptions {
  /** Concurrent clients. */
  clients: number;
  /** Requests of the mixed phase (reads and commands), shared by all clients. */
  requests: number;
  /** Cases opened at once before the mixed phase; they are the cases read and commanded. */
  opens: number;
}

/** What the clients saw. Every field after `seconds` is an anomaly and must be 0. */
export interface ConcurrencyReport {
  requests: number;
  reads: number;
  commands: number;
  opens: number;
  seconds: number;
  wrongCase: number;
  missing: number;
  serverErrors: number;
  noAnswer: number;
  otherUnexpected: number;
}

export const CONCURRENCY_ANOMALIES = ['wrongCase', 'missing', 'serverErrors', 'noAnswer', 'otherUnexpected'] as const;

interface KnownCase {
  id: string;
  name: string;
  stage: string;
}

/** The next command that is legal for a case at `stage` (the assessment stage takes refusals forever). */
function nextCommand(stage: string): { path: string; body: Record<string, unknown> } {
  if (stage === 'INTAKE') return { path: 'start-health-check', body: {} };
  if (stage === 'HEALTH_CHECK') return { path: 'record-health-check', body: { result: 'FIT' } };
  return { path: 'record-referral-refusal', body: { note: 'declines referral for now' } };
}

class Tally {
  readonly report: ConcurrencyReport = { requests: 0, reads: 0, commands: 0, opens: 0, seconds: 0, wrongCase: 0, missing: 0, serverErrors: 0, noAnswer: 0, otherUnexpected: 0 };

  /** Classifies one answer about `expected`; true when it is the case asked for. */
  check(res: Answer, expected: { id?: string; name: string }, okStatus: number[]): boolean {
    this.report.requests += 1;
    const person = res.body.person as { name?: string } | undefined;
    if (okStatus.includes(res.status)) {
      const same = (expected.id === undefined || res.body.id === expected.id) && person?.name === expected.name;
      if (!same) this.report.wrongCase += 1;
      return same;
    }
    if (res.status === 0) this.report.noAnswer += 1;
    else if (res.status >= 500) this.report.serverErrors += 1;
    else if (res.status === 404) this.report.missing += 1;
    else this.report.otherUnexpected += 1;
    return false;
  }
}

async function openCases(http: SinergiHttp, token: string, count: number, tally: Tally): Promise<KnownCase[]> {
  const run = randomUUID().slice(0, 8);
  const opened = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `Warga ${run} ${i}`;
      const res = await http.call('POST', '/cases', { token, body: { channel: 'COMPLAINT', regionCode: '3514', person: { name, sex: 'P', approximateAge: 30 + i } } });
      tally.report.opens += 1;
      return tally.check(res, { name }, [201]) ? { id: String(res.body.id), name, stage: String(res.body.stage) } : undefined;
    }),
  );
  return opened.filter((c): c is KnownCase => c !== undefined);
}

async function client(http: SinergiHttp, token: string, index: number, known: KnownCase[], take: () => boolean, tally: Tally, clients: number): Promise<void> {
  const mine = known.filter((_, i) => i % clients === index);
  while (take()) {
    const commanded = mine.length > 0 && Math.random() < 0.25;
    if (commanded) {
      const target = mine[Math.floor(Math.random() * mine.length)] as KnownCase;
      const command = nextCommand(target.stage);
      const res = await http.call('POST', `/cases/${target.id}/${command.path}`, { token, body: command.body });
      tally.report.commands += 1;
      if (tally.check(res, target, [200])) target.stage = String(res.body.stage);
    } else {
      const target = known[Math.floor(Math.random() * known.length)] as KnownCase;
      tally.report.reads += 1;
      tally.check(await http.call('GET', `/cases/${target.id}`, { token }), target, [200]);
    }
  }
}

/**
 * Opens `opens` cases at once, then lets `clients` clients share `requests` requests: reads of known
 * cases (each answer must be the case asked for) and commands on each client's own cases.
 */
export async function runConcurrencyCheck(http: SinergiHttp, token: string, options: ConcurrencyOptions): Promise<ConcurrencyReport> {
  const started = Date.now();
  const tally = new Tally();
  const known = await openCases(http, token, options.opens, tally);
  if (known.length === 0) throw new Error(`none of ${options.opens} concurrent opens succeeded`);
  let left = options.requests;
  const take = (): boolean => (left -= 1) >= 0;
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(http, token, i, known, take, tally, options.clients)));
  tally.report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return tally.report;
}
