import { regionScopeCondition } from './region-scope';

describe('regionScopeCondition', () => {
  it('makes a kab/kota an equality, a province a range of its codes, and nothing a condition on all', () => {
    expect(regionScopeCondition('3514')).toEqual({ kind: 'equal', value: '3514' });
    expect(regionScopeCondition('35')).toEqual({ kind: 'range', from: '35', below: '36' });
    expect(regionScopeCondition('')).toEqual({ kind: 'all' });
  });

  it('keeps a prefix where a range would need a code past 99 (no such province) or the scope is not a code', () => {
    expect(regionScopeCondition('19')).toEqual({ kind: 'range', from: '19', below: '20' });
    expect(regionScopeCondition('99')).toEqual({ kind: 'prefix', pattern: '99%' });
    expect(regionScopeCondition('7_')).toEqual({ kind: 'prefix', pattern: '7\\_%' });
  });

  it('matches exactly the codes that start with the scope', () => {
    const codes = ['35', '3501', '3514', '3579', '36', '3601', '34', '3499', '19', '1971', '20', '2001', '09', '0901', '10'];
    const inScope = (scope: string, code: string): boolean => {
      const c = regionScopeCondition(scope);
      if (c.kind === 'equal') return code === c.value;
      if (c.kind === 'range') return code >= c.from && code < c.below;
      if (c.kind === 'all') return true;
      return code.startsWith(c.pattern.slice(0, -1));
    };
    for (const scope of ['35', '3514', '', '19', '09']) expect(codes.filter((code) => inScope(scope, code))).toEqual(codes.filter((code) => code.startsWith(scope)));
  });
});
