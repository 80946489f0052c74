import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';
import { secretMatches, splitCompositeToken } from './secrets';

interface CredentialRow {
  key_id: string;
  secret_hash: string;
  label: string;
  agency_id: string;
  agency_code: string;
  region_code: string;
}

/**
 * Authenticates agency systems by API key (`<keyId>.<secret>`). Only a key a supervisor confirmed
 * authenticates: pending keys (no secret yet), revoked keys and inactive agencies fail alike.
 */
@Injectable()
export class AgencyKeysService {
  constructor(private readonly dataSource: DataSource) {}

  async authenticate(apiKey: string): Promise<Actor> {
    const parts = splitCompositeToken(apiKey);
    const rows: CredentialRow[] = parts
      ? await this.dataSource.query(
          `SELECT c.key_id, c.secret_hash, c.label, a.id AS agency_id, a.code AS agency_code, a.region_code
             FROM agency_credential c JOIN agency a ON a.id = c.agency_id
            WHERE c.key_id = $1 AND c.revoked_at IS NULL AND c.confirmed_at IS NOT NULL AND c.secret_hash IS NOT NULL AND a.active`,
          [parts.id],
        )
      : [];
    const row = rows[0];
    if (!parts || row === undefined || !secretMatches(parts.secret, row.secret_hash)) {
      throw new DomainError('UNAUTHENTICATED', 'Missing, invalid or expired credentials');
    }
    await this.dataSource.query(`UPDATE agency_credential SET last_used_at = now() WHERE key_id = $1`, [row.key_id]);
    return {
      id: `credential:${row.key_id}`,
      kind: 'agency-system',
      name: row.label,
      role: 'AGENCY_SYSTEM',
      regionCode: row.region_code,
      agencyId: row.agency_id,
      agencyCode: row.agency_code,
    };
  }
}
