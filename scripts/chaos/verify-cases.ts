import { Client } from 'pg';
import type { SinergiHttp } from '../load/http-client';
import type { CaseRecord } from './case-driver';

/** What the database and the auditors' API hold afterwards, against what the clients were told. */
export interface CaseVerification {
  casesExpected: number;
  casesFound: number;
  duplicated: number;
  lost: number;
  /** The idempotency claim names another case than the one the client was given. */
  keyMismatch: number;
  wrongStage: number;
  chainsValid: number;
  chainsBroken: number;
}

/**
 * Every open a client attempted must exist exactly once (one `case_view` row per name as the registry's `case_subject` has it, the case id its
 * idempotency key claims), at the stage of its last acknowledged command, with a ledger that verifies.
 */
export async function verifyCases(databaseUrl: string, http: SinergiHttp, auditorToken: string, run: string, records: CaseRecord[]): Promise<CaseVerification> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // The name as given lives in the registry's record of the case (case_subject); the read model holds it sealed.
    const views = (
      await db.query<{ id: string; stage: string; name: string }>(`SELECT c.id, c.stage, s.name FROM case_view c JOIN case_subject s ON s.case_id = c.id WHERE s.name LIKE $1`, [`Chaos ${run} %`])
    ).rows;
    const claims = (await db.query<{ key: string; case_id: string }>(`SELECT key, case_id FROM idempotency_key WHERE key LIKE $1`, [`open-case:%:${run}-%`])).rows;
    const result: CaseVerification = { casesExpected: records.length, casesFound: views.length, duplicated: 0, lost: 0, keyMismatch: 0, wrongStage: 0, chainsValid: 0, chainsBroken: 0 };
    for (const record of records) {
      const rows = views.filter((v) => v.name === record.name);
      if (rows.length === 0) result.lost += 1;
      if (rows.length > 1) result.duplicated += rows.length - 1;
      const claim = claims.find((c) => c.key.endsWith(`:${record.key}-open`));
      if (claim === undefined || claim.case_id !== rows[0]?.id || (record.id !== undefined && record.id !== claim.case_id)) result.keyMismatch += 1;
      if (record.acknowledgedStage !== undefined && rows[0]?.stage !== record.acknowledgedStage) result.wrongStage += 1;
    }
    for (const { id } of views) {
      const verdict = await http.call('GET', `/cases/${id}/history/verify`, { token: auditorToken });
      if (verdict.status === 200 && verdict.body.valid === true) result.chainsValid += 1;
      else result.chainsBroken += 1;
    }
    return result;
  } finally {
    await db.end();
  }
}
