import { formatDateTime, wallClockToIso } from '../../web/src/lib/time';

describe('times in the region zone (web/src/lib/time)', () => {
  it('reads a typed moment in the region wall clock, to the minute or to the second', () => {
    expect(wallClockToIso('2026-11-22T15:00', '3514')).toBe('2026-11-22T08:00:00.000Z');
    expect(wallClockToIso('2026-11-22T15:00:42', '3514')).toBe('2026-11-22T08:00:42.000Z');
    expect(wallClockToIso('2026-11-22T15:00:42', '7371')).toBe('2026-11-22T07:00:42.000Z'); // Makassar, WITA
  });

  it('shows seconds only when asked (audit trails)', () => {
    expect(formatDateTime('2026-11-22T08:00:42Z', '3514', 'en')).toBe('22 Nov 2026, 15:00 WIB');
    expect(formatDateTime('2026-11-22T08:00:42Z', '3514', 'en', true)).toBe('22 Nov 2026, 15:00:42 WIB');
  });
});
