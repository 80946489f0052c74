import type { Actor } from '../../workflows/contracts/actor';
import type { DomainError } from '../common/errors/domain-error';
import { inRegionScope, requireRegion } from './access';
import type { Permission } from './permissions';
import { hasPermission, ROLE_PERMISSIONS } from './permissions';

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  id: 'u1',
  kind: 'user',
  name: 'x',
  role: 'CASE_WORKER',
  regionCode: '3514',
  agencyId: null,
  agencyCode: null,
  ...overrides,
});

describe('region scope', () => {
  it.each([
    ['3514', '3514', true],
    ['35', '3514', true],
    ['35', '3272', false],
    ['3514', '3510', false],
    ['3514', '35', false],
    ['', '3514', true], // the national scope covers every kab/kota and province…
    ['', '32', true],
    ['32', '', false], // …and no province's or kab/kota's scope covers it
    ['3272', '', false],
  ])('scope %p covers %p: %p', (scope, region, expected) => expect(inRegionScope(scope, region)).toBe(expected));

  it('throws OUT_OF_SCOPE outside the scope', () => {
    expect(() => requireRegion(actor(), '3510')).toThrow(expect.objectContaining({ code: 'OUT_OF_SCOPE' }) as DomainError);
    expect(() => requireRegion(actor({ regionCode: '35' }), '3510')).not.toThrow();
  });

});

describe('permission table', () => {
  it('never lets auditors or agency systems change anything', () => {
    const writes = ['case.create', 'user.manage', 'user.confirm', 'agency.manage', 'agency.credential.manage', 'agency.credential.confirm'] as const;
    for (const role of ['AUDITOR', 'AGENCY_SYSTEM'] as const) {
      for (const permission of writes) expect(hasPermission(role, permission)).toBe(false);
    }
  });

  it('keeps admins away from case files', () => {
    expect(ROLE_PERMISSIONS.ADMIN.filter((p) => p.startsWith('case.'))).toEqual([]);
  });

  it('two-person rule: the roles that manage accounts and API keys and the role that confirms them are disjoint', () => {
    const roles = (permission: Permission) => Object.keys(ROLE_PERMISSIONS).filter((r) => hasPermission(r as keyof typeof ROLE_PERMISSIONS, permission));
    expect([roles('user.manage'), roles('user.confirm')]).toEqual([['ADMIN'], ['SUPERVISOR']]);
    expect([roles('agency.credential.manage'), roles('agency.credential.confirm')]).toEqual([['ADMIN'], ['SUPERVISOR']]);
  });
});
