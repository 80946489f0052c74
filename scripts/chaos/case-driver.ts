import type { Answer, SinergiHttp } from '../load/http-client';

/** The path every chaos case takes, and the stage each acknowledged step implies. */
export const CASE_STEPS = [
  { command: 'start-health-check', body: {}, stage: 'HEALTH_CHECK' },
  { command: 'record-health-check', body: { result: 'FIT' }, stage: 'ASSESSMENT' },
  { command: 'record-assessment', body: { ppksCategories: ['PPKS-08'], decision: 'REHABILITATION' }, stage: 'REHABILITATION' },
  { command: 'complete-rehabilitation', body: { reintegrationType: 'FAMILY_REUNIFICATION' }, stage: 'REINTEGRATION' },
  { command: 'complete-reintegration', body: {}, stage: 'MONITORING' },
] as const;

/** What one chaos client did and saw; anomalies are everything but the first four counters. */
export interface DriverTally {
  requests: number;
  retries: number;
  acknowledged: number;
  /** A definitive answer that is not what the step asked for (4xx other than a retryable one). */
  refused: number;
  /** No definitive answer within the per-request bound. */
  unanswered: number;
  /** A success that names another case than the one the key belongs to. */
  wrongCase: number;
  refusals: string[];
}

/** One attempted case: its idempotency key, the id the API gave it, the last stage acknowledged. */
export interface CaseRecord {
  key: string;
  name: string;
  id?: string;
  acknowledgedStage?: string;
}

/** Retry: no answer, a server error (5xx, 503 included), accepted-but-pending (202), or an expired token. */
const retryable = (res: Answer): boolean => res.status === 0 || res.status >= 500 || res.status === 202 || res.status === 401;

/**
 * Drives cases through the API as a careful client does: every request carries an Idempotency-Key
 * and is retried with that same key until a definitive answer, within `boundMs` per request.
 */
export class CaseDriver {
  readonly tally: DriverTally = { requests: 0, retries: 0, acknowledged: 0, refused: 0, unanswered: 0, wrongCase: 0, refusals: [] };
  private token = '';

  constructor(
    private readonly http: SinergiHttp,
    private readonly login: () => Promise<string>,
    private readonly boundMs = 120_000,
  ) {}

  /** Opens the case and takes it along CASE_STEPS; stops at the first step without a definitive success. */
  async drive(record: CaseRecord): Promise<void> {
    const person = { name: record.name, sex: 'L', approximateAge: 35 };
    const opened = await this.send(record, 'POST', '/cases', { channel: 'COMPLAINT', regionCode: '3514', person }, `${record.key}-open`, 201);
    if (opened === undefined) return;
    record.acknowledgedStage = String(opened.body.stage);
    for (const [i, step] of CASE_STEPS.entries()) {
      const done = await this.send(record, 'POST', `/cases/${record.id}/${step.command}`, step.body, `${record.key}-${i}`, 200);
      if (done === undefined) return;
      record.acknowledgedStage = String(done.body.stage);
      if (record.acknowledgedStage !== step.stage) return this.refuse(`${step.command} acknowledged at ${record.acknowledgedStage}`);
    }
  }

  private async send(record: CaseRecord, method: string, path: string, body: unknown, idempotencyKey: string, success: number): Promise<Answer | undefined> {
    const deadline = Date.now() + this.boundMs;
    for (let attempt = 0; ; attempt++) {
      if (this.token === '') this.token = await this.login().catch(() => '');
      const res = this.token === '' ? { status: 0, body: {} } : await this.http.call(method, path, { token: this.token, body, idempotencyKey });
      this.tally.requests += 1;
      if (attempt > 0) this.tally.retries += 1;
      if (typeof res.body.id === 'string') {
        if (record.id !== undefined && res.body.id !== record.id) this.tally.wrongCase += 1;
        record.id ??= res.body.id;
      }
      if (res.status === success) return (this.tally.acknowledged += 1), res;
      if (!retryable(res)) return this.refuse(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status} ${String(res.body.code)}`);
      if (res.status === 401) this.token = '';
      if (Date.now() > deadline) return void (this.tally.unanswered += 1);
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 2_000)));
    }
  }

  private refuse(what: string): undefined {
    this.tally.refused += 1;
    if (this.tally.refusals.length < 20) this.tally.refusals.push(what);
    return undefined;
  }
}
