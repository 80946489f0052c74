import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { median } from './bench-stats';
import type { Answer, SinergiHttp } from './load/http-client';
import { LaunchedSystem } from './load/launched-system';
import { printTable, writeReport } from './load/report';
import type { GeneratedAppearance } from './matching/people';
import { generatePeople } from './matching/people';

/**
 * `npm run bench:matching [people] [seed]`: how well the person matcher finds people again, through
 * the API a case worker uses. A generated population (scripts/matching/people.ts: 1,000 people by
 * default, a third of them seen two or three times with the spelling, age and NIK variants of real
 * intake, many sharing common names) is opened case by case in Kabupaten Pasuruan (the embedded
 * system under the launcher); every answer's `personMatches` is scored against the truth, then the case
 * worker's decision is taken as a person would: a first appearance is confirmed as a new person, a
 * later one linked to the person it really is. Prints a table and writes reports/bench-matching.json.
 *
 * - recall: later appearances whose true person is among the candidates;
 * - top-1: … and is the first candidate;
 * - precision: candidates offered (over all openings) that are the true person;
 * - first appearances offered someone: new people for whom the list was not empty (false alarms).
 */
const PEOPLE = Number(process.argv[2] ?? 1_000);
const SEED = Number(process.argv[3] ?? 12);
const CLIENTS = 8;

interface Candidate {
  personId: string;
  score: number;
  why: string;
}

interface Scored {
  later: boolean;
  found: boolean;
  top1: boolean;
  offered: number;
  correct: number;
  openMs: number;
}

async function inParallel<T, R>(items: readonly T[], clients: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

function expectStatus(answer: Answer, statuses: number[], what: string): void {
  if (!statuses.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${String(answer.body.code)}`);
}

async function run(http: SinergiHttp, token: string, appearances: GeneratedAppearance[]): Promise<Scored[]> {
  const personOf = new Map<number, string>();
  const one = async (a: GeneratedAppearance): Promise<Scored> => {
    const later = personOf.has(a.truth);
    const person = { name: a.name, sex: a.sex, approximateAge: a.approximateAge, ...(a.nik ? { nik: a.nik } : {}) };
    const started = performance.now();
    const opened = await http.call('POST', '/cases', { token, body: { channel: 'RAZIA', regionCode: '3514', person, ...(a.originRegionCode ? { originRegionCode: a.originRegionCode } : {}) } });
    const openMs = performance.now() - started;
    expectStatus(opened, [201], 'POST /cases');
    const candidates = (opened.body.personMatches ?? []) as Candidate[];
    const truth = personOf.get(a.truth);
    const decided = await http.call('POST', `/cases/${String(opened.body.id)}/person`, { token, body: truth === undefined ? { newPerson: true } : { personId: truth } });
    expectStatus(decided, [200, 201], 'POST /cases/:id/person');
    if (truth === undefined) personOf.set(a.truth, String(decided.body.personId));
    return {
      later,
      found: truth !== undefined && candidates.some((c) => c.personId === truth),
      top1: truth !== undefined && candidates[0]?.personId === truth,
      offered: candidates.length,
      correct: candidates.filter((c) => c.personId === truth).length,
      openMs,
    };
  };
  // Every person's first appearance is registered before anyone looks for them again.
  const firsts = appearances.filter((a, i) => appearances.findIndex((b) => b.truth === a.truth) === i);
  const laters = appearances.filter((a) => !firsts.includes(a));
  const scoredFirsts = await inParallel(firsts, CLIENTS, one);
  return [...scoredFirsts, ...(await inParallel(laters, CLIENTS, one))];
}

const share = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

async function main(): Promise<void> {
  const { people, appearances } = generatePeople(PEOPLE, SEED);
  const dir = mkdtempSync(join(tmpdir(), 'sinergi-matching-'));
  chmodSync(dir, 0o755);
  const password = loadConfig().auth.demoPassword;
  const system = await LaunchedSystem.start(dir, { NODE_ENV: 'development', LOG_LEVEL: 'warn', SINERGI_DEMO_PASSWORD: password });
  try {
    const token = await system.http.login('caseworker', password);
    const scored = await run(system.http, token, appearances);
    const laters = scored.filter((s) => s.later);
    const firsts = scored.filter((s) => !s.later);
    const offered = scored.reduce((n, s) => n + s.offered, 0);
    const report = {
      seed: SEED,
      people,
      appearances: appearances.length,
      laterAppearances: laters.length,
      withNik: appearances.filter((a) => a.nik !== undefined).length,
      recall: share(laters.filter((s) => s.found).length, laters.length),
      top1: share(laters.filter((s) => s.top1).length, laters.length),
      precision: share(scored.reduce((n, s) => n + s.correct, 0), offered),
      candidatesOffered: offered,
      firstsOfferedSomeone: share(firsts.filter((s) => s.offered > 0).length, firsts.length),
      openCaseMedianMs: Math.round(median(scored.map((s) => s.openMs))),
    };
    printTable(`bench:matching (${people} people, ${appearances.length} openings, seed ${SEED})`, Object.entries(report));
    process.stdout.write(`report: ${writeReport('bench-matching', report)}\n`);
  } finally {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:matching failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
