import { DEFAULT_PERSONAL_DATA_RETENTION, isRetentionPeriod, retentionOf } from './retention';

describe('retention periods', () => {
  it.each(['P5Y', 'P10Y', 'P1Y6W', 'P400D', 'P2W', 'PT2S', 'P1DT12H', 'P100Y'])('accepts %s', (text) => expect(isRetentionPeriod(text)).toBe(true));

  it.each(['', 'P', 'PT', 'P1M', 'P1Y2M', '5Y', 'P0Y', 'PT0S', 'P101Y', 'P1000Y', 'P5y', ' P5Y', 'P1.5Y', 5, null, undefined])('refuses %p', (text) => expect(isRetentionPeriod(text)).toBe(false));

  it('defaults to five years when the protocol states none', () => {
    expect(DEFAULT_PERSONAL_DATA_RETENTION).toBe('P5Y');
    expect(retentionOf({})).toBe('P5Y');
    expect(retentionOf(undefined)).toBe('P5Y');
    expect(retentionOf({ personalDataRetention: 'P10Y' })).toBe('P10Y');
  });
});
