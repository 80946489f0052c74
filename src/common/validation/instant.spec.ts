import { isInstant } from './instant.decorator';

describe('instants from outside', () => {
  it.each(['2026-11-22T08:00:00Z', '2026-11-22T15:00+07:00', '2024-02-29T00:00:00.123456Z', '2026-11-22T08:00-12:00', '2026-11-22T08:00+14:00'])('accepts %s', (v) => expect(isInstant(v)).toBe(true));
  it.each(['2024-01-01T00Z', '2024-W01-1', '2026-02-30T00:00Z', '2026-11-22', '2026-11-22T24:00Z', '2023-02-29T00:00Z', '1800-01-01T00:00Z', '5983-06-30T01:43:28-17:27', '2026-11-22T08:00+14:01', '2026-11-22T08:00+09:60', 'x'])('refuses %s', (v) =>
    expect(isInstant(v)).toBe(false),
  );
});
