import { CASE_ACTIONS, COMMAND_BODIES, COMMAND_PERSONAL_PATHS } from './commands';
import { lazily } from './lazy';

describe('lazily', () => {
  it('lists its keys without building a value, and builds each value once, on first read', () => {
    const built: string[] = [];
    const record = lazily({ a: () => (built.push('a'), { n: 1 }), b: () => (built.push('b'), { n: 2 }) });
    expect(Object.keys(record)).toEqual(['a', 'b']);
    expect('b' in record).toBe(true);
    expect(built).toEqual([]);
    const first = record.a;
    expect(record.a).toBe(first);
    expect(built).toEqual(['a']);
    expect(record.b.n).toBe(2);
    expect(built).toEqual(['a', 'b']);
  });

  it('keeps a built value: it cannot be replaced', () => {
    const record = lazily({ a: () => 1 }) as { a: number };
    expect(record.a).toBe(1);
    expect(() => {
      record.a = 2;
    }).toThrow(TypeError);
  });

  it('serves the command contracts: every action, its body and the paths of its personal values', () => {
    expect(CASE_ACTIONS).toContain('closeCase');
    expect(COMMAND_BODIES.closeCase.safeParse({ reason: 'COMPLETED', note: 'x' }).success).toBe(true);
    expect(COMMAND_PERSONAL_PATHS.recordAssessment).toEqual(expect.arrayContaining([['summary'], ['guardianConsent', 'name']]));
  });
});
