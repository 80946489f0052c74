import { actorHasPermission, permissionsOf } from './permissions';

describe('permissions bound to an agency', () => {
  it('gives razia to Satpol PP officers, not to officers of other agencies, and to staff of no agency', () => {
    expect(actorHasPermission({ role: 'AGENCY_OFFICER', agencyCode: 'SATPOL_PP' }, 'razia.record')).toBe(true);
    expect(actorHasPermission({ role: 'AGENCY_OFFICER', agencyCode: 'DINKES' }, 'razia.record')).toBe(false);
    expect(actorHasPermission({ role: 'AGENCY_OFFICER', agencyCode: 'DINKES' }, 'task.work')).toBe(true);
    expect(actorHasPermission({ role: 'CASE_WORKER', agencyCode: null }, 'razia.record')).toBe(true);
    expect(actorHasPermission({ role: 'AUDITOR', agencyCode: null }, 'razia.record')).toBe(false);
    expect(permissionsOf({ role: 'AGENCY_OFFICER', agencyCode: 'DINKES' })).not.toContain('razia.read');
    expect(actorHasPermission({ role: 'AGENCY_OFFICER', agencyCode: 'PUSKESOS' }, 'case.create')).toBe(true);
    expect(actorHasPermission({ role: 'AGENCY_OFFICER', agencyCode: 'SATPOL_PP' }, 'case.create')).toBe(false);
    expect(permissionsOf({ role: 'AGENCY_OFFICER', agencyCode: 'SATPOL_PP' })).toEqual(expect.arrayContaining(['razia.record', 'razia.read', 'task.work']));
  });
});
