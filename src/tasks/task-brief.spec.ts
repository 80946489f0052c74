import { TASK_TYPES } from '../../workflows/contracts/task';
import { briefOf, TASK_BRIEF } from './task-brief';

const facts = { person: { name: 'Budi', sex: 'L' as const, approximateAge: 34, nik: '3514010101900001' }, ppksCategories: ['PPKS-11'], originRegionCode: '3272' };

describe('the task brief (need to know)', () => {
  it('names, for every task type, whom the agency serves; never the NIK', () => {
    for (const type of TASK_TYPES) {
      const brief = briefOf(type, facts);
      expect([type, brief]).toEqual([type, expect.objectContaining({ name: 'Budi', sex: 'L', approximateAge: 34 })]);
      expect(Object.keys(brief ?? {})).not.toContain('nik');
    }
  });

  it('gives categories only to those who place or protect, the home region only to those who take the person home', () => {
    expect(briefOf('HEALTH_CHECK', facts)).toEqual({ name: 'Budi', sex: 'L', approximateAge: 34 });
    expect(briefOf('SHELTER_PLACEMENT', facts)).toMatchObject({ ppksCategories: ['PPKS-11'] });
    expect(briefOf('REPATRIATION_ACKNOWLEDGEMENT', facts)).toMatchObject({ originRegionCode: '3272' });
    expect(TASK_TYPES.filter((t) => TASK_BRIEF[t].includes('originRegionCode'))).toEqual(['REINTEGRATION_SUPPORT', 'REPATRIATION_ACKNOWLEDGEMENT']);
  });

  it('is null while the case is not in the read model yet', () => {
    expect(briefOf('HEALTH_CHECK', { person: null, ppksCategories: null, originRegionCode: null })).toBeNull();
  });
});
