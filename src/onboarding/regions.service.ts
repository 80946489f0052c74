import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { inRegionScope } from '../auth/access';
import { ProtocolRegistry } from '../protocols/protocol-registry';
import type { RegionListResponse, RegionResponse } from './dto/region.dto';

type Count = { region_code: string; n: number };

/**
 * What is set up in each region of the caller's scope: the admin's map when onboarding a regency
 * (docs/onboarding.md). Counts only, no names of people; regions outside the scope never appear.
 */
@Injectable()
export class RegionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly protocols: ProtocolRegistry,
  ) {}

  async list(actor: Actor): Promise<RegionListResponse> {
    const scope = actor.regionCode;
    const count = (table: 'agency' | 'app_user') =>
      this.dataSource.query<Count[]>(`SELECT region_code, count(*)::int AS n FROM ${table} WHERE region_code LIKE $1 AND region_code <> '' GROUP BY region_code`, [`${scope}%`]);
    const [agencies, users] = await Promise.all([count('agency'), count('app_user')]);
    const own = this.protocols.list().filter((p) => p.id !== 'default' && inRegionScope(scope, p.id));
    const codes = new Set([...(scope === '' ? [] : [scope]), ...agencies.map((r) => r.region_code), ...users.map((r) => r.region_code), ...own.map((p) => p.id)]);
    const n = (rows: Count[], code: string) => rows.find((r) => r.region_code === code)?.n ?? 0;
    const region = (code: string): RegionResponse => {
      const kabKota = code.length === 4;
      const protocol = kabKota ? this.protocols.forRegion(code) : null;
      return {
        regionCode: code,
        level: kabKota ? 'KAB_KOTA' : 'PROVINCE',
        name: own.find((p) => p.id === code)?.name ?? null,
        agencies: n(agencies, code),
        users: n(users, code),
        protocol: protocol === null ? null : { id: protocol.id, version: protocol.version, name: protocol.name },
      };
    };
    return { scope, items: [...codes].sort().map(region) };
  }
}
