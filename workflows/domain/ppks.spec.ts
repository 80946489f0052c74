import { isPpksCode, PPKS_CATEGORIES, ppksWarnings } from './ppks';

describe('PPKS categories', () => {
  it('has the 26 codes PPKS-01 … PPKS-26 in order', () => {
    expect(PPKS_CATEGORIES.map((c) => c.code)).toEqual(Array.from({ length: 26 }, (_, i) => `PPKS-${String(i + 1).padStart(2, '0')}`));
    expect(isPpksCode('PPKS-26')).toBe(true);
    expect(isPpksCode('PPKS-27')).toBe(false);
    expect(isPpksCode('PMKS-01')).toBe(false);
  });

  it.each([
    [['PPKS-04'], 'L', 12, []],
    [['PPKS-04'], 'L', 34, ['PPKS_AGE_UNUSUAL']],
    [['PPKS-08'], 'P', 59, ['PPKS_AGE_UNUSUAL']],
    [['PPKS-08', 'PPKS-24'], 'P', 72, []],
    [['PPKS-23'], 'L', 30, ['PPKS_SEX_UNUSUAL']],
    [['PPKS-23'], 'P', 65, ['PPKS_AGE_UNUSUAL']],
    [['PPKS-01', 'PPKS-09'], 'L', 3, ['PPKS_AGE_UNUSUAL']],
    [['PPKS-11', 'PPKS-12'], 'L', 9, []],
  ] as const)('%j for %s aged %i → %j', (codes, sex, age, expected) => {
    expect(ppksWarnings(codes, { sex, approximateAge: age }).map((w) => w.code)).toEqual(expected);
  });
});
