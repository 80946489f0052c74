import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A case the read model could not take: which write failed, on which SQLSTATE, since when. Ids and codes only. */
export interface AttentionRow {
  caseId: string;
  regionCode: string;
  operation: string;
  sqlstate: string | null;
  caseVersion: number;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  /** Ledger entries the database refused, set aside by the workflow (still in Temporal's history). */
  quarantinedEntries: number;
}

interface Row {
  case_id: string;
  region_code: string;
  operation: string;
  sqlstate: string | null;
  case_version: number;
  first_seen_at: Date;
  last_seen_at: Date;
  occurrences: number;
  quarantined_entries: number;
}

/**
 * Cases marked for a person's attention by the workflow when PostgreSQL refused their data: the case
 * goes on in Temporal, its read model waits for someone to look (supervisors' list, /health, /metrics).
 */
@Injectable()
export class CaseAttention {
  constructor(private readonly dataSource: DataSource) {}

  async count(scope = ''): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM case_attention WHERE region_code LIKE $1', [`${scope}%`]);
    return row?.n ?? 0;
  }

  async list(scope: string, limit: number, offset: number): Promise<{ items: AttentionRow[]; total: number }> {
    const rows = await this.dataSource.query<Row[]>(
      'SELECT * FROM case_attention WHERE region_code LIKE $1 ORDER BY first_seen_at, case_id LIMIT $2 OFFSET $3',
      [`${scope}%`, limit, offset],
    );
    return {
      items: rows.map((r) => ({
        caseId: r.case_id,
        regionCode: r.region_code,
        operation: r.operation,
        sqlstate: r.sqlstate,
        caseVersion: r.case_version,
        firstSeenAt: r.first_seen_at.toISOString(),
        lastSeenAt: r.last_seen_at.toISOString(),
        occurrences: r.occurrences,
        quarantinedEntries: r.quarantined_entries,
      })),
      total: await this.count(scope),
    };
  }
}
