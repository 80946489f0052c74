import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../../workflows/domain/duration';
import { retentionOf } from '../../workflows/domain/retention';
import { ProtocolRegistry } from './protocol-registry';
import type { InvalidProtocolError} from './validate-protocol';
import { validateProtocol } from './validate-protocol';

const shipped = join(__dirname, '..', '..', 'protocols');

describe('shipped protocols', () => {
  const registry = ProtocolRegistry.fromDirectory(shipped);

  it('load: the default and the five source regions', () => {
    expect(registry.list().map((p) => p.id).sort()).toEqual(['1371', '3272', '3510', '3514', '7303', 'default']);
  });

  it('carry the regional figures', () => {
    expect(registry.forRegion('3510').deadlines.firstResponse).toBe('PT4H'); // Banyuwangi
    expect(registry.forRegion('3514').regionalSteps).toContain('BIOMETRIC_IDENTIFICATION'); // Pasuruan
    expect(registry.forRegion('1371').deadlines.shelterStay).toBe('P10D'); // Padang
    expect(registry.forRegion('3514').deadlines.shelterStay).toBe('P7D');
  });

  it('fall back to the national default for other regions', () => {
    expect(registry.forRegion('3578')).toMatchObject({ id: 'default', regionCode: null });
  });
});

describe('protocol versions', () => {
  it('give new cases the latest version, and keep old versions retrievable for pinned cases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'protocols-'));
    const base = JSON.parse(JSON.stringify(ProtocolRegistry.fromDirectory(shipped).get('3514', 1))) as Record<string, unknown>;
    writeFileSync(join(dir, 'default.v1.json'), JSON.stringify({ ...base, id: 'default', regionCode: null }));
    writeFileSync(join(dir, '3514.v1.json'), JSON.stringify(base));
    writeFileSync(join(dir, '3514.v2.json'), JSON.stringify({ ...base, version: 2, deadlines: { ...(base.deadlines as object), shelterStay: 'P5D' } }));
    const registry = ProtocolRegistry.fromDirectory(dir);
    expect(registry.forRegion('3514')).toMatchObject({ version: 2, deadlines: { shelterStay: 'P5D' } });
    expect(registry.get('3514', 1)?.deadlines.shelterStay).toBe('P7D');
    expect(registry.versions().map((p) => `${p.id}@${p.version}`).sort()).toEqual(['3514@1', '3514@2', 'default@1']);
  });
});

describe('invalid protocol documents are rejected at load with clear messages', () => {
  const valid = () => JSON.parse(JSON.stringify(ProtocolRegistry.fromDirectory(shipped).forRegion('3510'))) as Record<string, unknown>;
  const problemsOf = (doc: unknown): string[] => {
    try {
      validateProtocol(doc, 'test.json');
      return [];
    } catch (error) {
      return (error as InvalidProtocolError).problems;
    }
  };

  it('names every problem with its path', () => {
    const doc = valid();
    doc.version = 0;
    doc.deadlines = { ...(doc.deadlines as object), shelterStay: '7 days', healthCheck: 'P1M', teaBreak: 'PT1H' };
    doc.agencies = { ...(doc.agencies as object), HEALTH_CHECK: 'dinkes', PARTY: 'DINSOS' };
    doc.escalation = [{ after: 'PT1H', notify: 'MAYOR' }];
    doc.monitoringVisits = ['P90D', 'P30D'];
    expect(problemsOf(doc)).toEqual([
      'version must be an integer ≥ 1',
      'deadlines.healthCheck must be an ISO-8601 duration in weeks/days/hours/minutes/seconds (e.g. "P7D", "PT4H"); got "P1M"',
      'deadlines.shelterStay must be an ISO-8601 duration in weeks/days/hours/minutes/seconds (e.g. "P7D", "PT4H"); got "7 days"',
      'deadlines.teaBreak is not a known deadline',
      'monitoringVisits must be in increasing order',
      'agencies.HEALTH_CHECK must be an agency code such as "DINSOS"',
      expect.stringMatching(/^agencies.PARTY is not a known step/),
      'escalation[0].notify must be one of ASSIGNEE, AGENCY_SUPERVISOR, REGIONAL_COORDINATOR',
    ]);
  });

  it('checks identity fields and required sections', () => {
    expect(problemsOf({ ...valid(), id: '35.10' })).toEqual(expect.arrayContaining([expect.stringMatching(/^id must be/), expect.stringMatching(/^regionCode must equal id/)]));
    expect(problemsOf({ ...valid(), agencies: undefined }).length).toBe(12);
    expect(problemsOf([])).toEqual(['the document must be a JSON object']);
  });

  it('checks the optional repeat section (Pasuruan v2 has one, v1 and other regions none)', () => {
    const registry = ProtocolRegistry.fromDirectory(shipped);
    expect(registry.forRegion('3514').repeat).toEqual({ withinMonths: 12, notifySupervisor: true, assessmentRefersToEarlierPlan: true, childUnder: 18, childAgency: 'DP3AP2KB' });
    expect(registry.get('3514', 1)?.repeat).toBeUndefined();
    expect(registry.forRegion('3510').repeat).toBeUndefined();
    expect(problemsOf({ ...valid(), repeat: { withinMonths: 0, notifySupervisor: 'yes', assessmentRefersToEarlierPlan: true, childUnder: 18, childAgency: 'dp3', extra: 1 } })).toEqual([
      'repeat.withinMonths must be an integer from 1 to 120',
      'repeat.notifySupervisor must be true or false',
      'repeat.childAgency must be an agency code such as "DP3AP2KB"',
      expect.stringMatching(/^repeat.extra is not a known field/),
    ]);
    expect(problemsOf({ ...valid(), repeat: [] })).toEqual(['repeat must be an object when given']);
  });

  it('checks the optional personal-data retention (absent in the shipped documents: the five-year default)', () => {
    const registry = ProtocolRegistry.fromDirectory(shipped);
    expect(registry.versions().every((p) => retentionOf(p) === 'P5Y')).toBe(true);
    expect(problemsOf({ ...valid(), personalDataRetention: 'P10Y' })).toEqual([]);
    expect(problemsOf({ ...valid(), personalDataRetention: 'P6M' })).toEqual([
      'personalDataRetention must be an ISO-8601 duration in years/weeks/days/hours/minutes/seconds, not zero, at most 100 years (e.g. "P5Y"); got "P6M"',
    ]);
    expect(problemsOf({ ...valid(), personalDataRetention: 'PT0S' })).toHaveLength(1);
  });

  it('refuses a file whose name and content disagree, and a folder without a default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'protocols-'));
    writeFileSync(join(dir, '3510.v2.json'), JSON.stringify(valid()));
    expect(() => ProtocolRegistry.fromDirectory(dir)).toThrow(/file name says 3510 v2 but the document says 3510 v1/);
    const empty = mkdtempSync(join(tmpdir(), 'protocols-'));
    writeFileSync(join(empty, '3510.v1.json'), JSON.stringify(valid()));
    expect(() => ProtocolRegistry.fromDirectory(empty)).toThrow(/no default protocol/);
    writeFileSync(join(empty, 'default.v1.json'), '{ not json');
    expect(() => ProtocolRegistry.fromDirectory(empty)).toThrow(/not valid JSON/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['PT4H', 4 * 3600_000],
    ['P7D', 7 * 86_400_000],
    ['P1DT12H', 36 * 3600_000],
    ['P2W', 14 * 86_400_000],
    ['PT0S', 0],
    ['PT90M', 90 * 60_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['P1M', 'P1Y', 'P', 'PT', '7d', '', 'P-1D'])('refuses %p', (text) => expect(parseDuration(text)).toBeUndefined());
});
