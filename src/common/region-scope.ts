/**
 * A region scope as the narrowest SQL condition an index can take. Region columns hold kab/kota codes
 * (4 digits, `varchar(4)`); a scope is a kab/kota, a province (2 digits) or everything (''). `LIKE
 * 'prefix%'` — what a scope means — is no index condition in a database whose collation is not C (as
 * most are, e.g. C.UTF-8 or en_US.UTF-8): PostgreSQL reads the whole index or table and filters. So a
 * kab/kota is an equality, which every index led by the column serves in its order, and a province the
 * range of codes that start with it (digits sort alike in every collation).
 */
export type RegionScopeCondition =
  | { kind: 'equal'; value: string }
  | { kind: 'range'; from: string; below: string }
  | { kind: 'prefix'; pattern: string }
  | { kind: 'all' };

const KAB_KOTA = /^\d{4}$/;
const PROVINCE = /^\d{2}$/;

export function regionScopeCondition(scope: string): RegionScopeCondition {
  if (scope === '') return { kind: 'all' };
  if (KAB_KOTA.test(scope)) return { kind: 'equal', value: scope };
  if (PROVINCE.test(scope) && scope !== '99') return { kind: 'range', from: scope, below: String(Number(scope) + 1).padStart(2, '0') };
  return { kind: 'prefix', pattern: `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}
