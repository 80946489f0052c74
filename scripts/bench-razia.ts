import { randomUUID } from 'node:crypto';
import { RAZIA_OPEN_CONCURRENCY } from '../src/razia/razia-cases';
import { startBenchStack } from './bench-stack';
import { median } from './bench-stats';

/**
 * `node dist/scripts/bench-razia.js [people] [rounds]` (after `npm run build`): records ROUNDS razia of
 * PEOPLE people each, one after the other, through the HTTP API, on its own Temporal dev server and
 * database schema, and prints JSON with the time each took to answer (all cases open and readable) and
 * the median. Asserts nothing.
 */
const PEOPLE = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 3);


const razia = () => ({
  occurredAt: new Date().toISOString(),
  place: 'Bench place',
  regionCode: '35.14',
  team: 'Bench team',
  people: Array.from({ length: PEOPLE }, (_, i) => ({ name: `Bench Person ${i}`, sex: i % 2 ? 'P' : 'L', approximateAge: 20 + (i % 50) })),
});

async function main(): Promise<void> {
  const stack = await startBenchStack('bench_razia');
  const { base, accessToken } = stack;
  try {
    const record = async (): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${base}/razia`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify(razia()),
      });
      const body = (await res.json()) as { opened?: number };
      if (res.status !== 201 || body.opened !== PEOPLE) throw new Error(`POST /razia answered ${res.status}, opened ${body.opened}`);
      return Math.round(performance.now() - started);
    };
    await record(); // warm-up: JIT, pools, workflow cache
    const millis: number[] = [];
    for (let round = 0; round < ROUNDS; round++) millis.push(await record());
    const report = {
      benchmark: 'razia',
      when: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
      peoplePerRazia: PEOPLE,
      rounds: ROUNDS,
      openConcurrency: RAZIA_OPEN_CONCURRENCY,
      answerMs: millis,
      medianAnswerMs: median(millis),
      notes: 'POST /razia until its answer: every case started in Temporal and readable in PostgreSQL.',
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
