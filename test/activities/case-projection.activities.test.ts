import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import { dataSourceOptions } from '../../src/database/data-source';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import { testConfig } from '../helpers/test-config';

describe('projectCase (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let projectCase: ReturnType<typeof createCaseProjectionActivities>['projectCase'];

  const snapshot = (overrides: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
    caseId: randomUUID(),
    stage: 'INTAKE',
    channel: 'COMPLAINT',
    regionCode: '3510',
    person: { name: 'Rina', sex: 'P', approximateAge: 70 },
    openedBy: null,
    originRegionCode: null,
    protocol: null,
    ppksCategories: [],
    warnings: [],
    closure: null,
    responsibleAgency: null,
    deadlineAt: null,
    overdue: false,
    escalations: [],
    lastAction: null,
    stageEnteredAt: '2026-01-05T03:00:00.000Z',
    openedAt: '2026-01-05T03:00:00.000Z',
    updatedAt: '2026-01-05T03:00:00.000Z',
    version: 1,
    ...overrides,
  });
  const row = async (id: string) => (await dataSource.query('SELECT * FROM case_view WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    const { database } = testConfig();
    dataSource = new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 }));
    await dataSource.initialize();
    ({ projectCase } = createCaseProjectionActivities({ dataSource }));
  });

  afterAll(() => dataSource.destroy());

  it('inserts the case once, however often it is retried', async () => {
    const s = snapshot();
    await projectCase(s);
    await projectCase(s);
    await Promise.all([projectCase(s), projectCase(s)]);
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM case_view WHERE id = $1', [s.caseId]);
    expect(rows[0].n).toBe(1);
    expect(await row(s.caseId)).toMatchObject({ version: 1, region_code: '3510', stage: 'INTAKE' });
  });

  it('never lets an older version overwrite a newer one (late retries are harmless)', async () => {
    const s = snapshot();
    await projectCase({ ...s, version: 2, person: { ...s.person, name: 'Rina (verified)' }, updatedAt: '2026-01-06T00:00:00.000Z' });
    await projectCase(s);
    const current = await row(s.caseId);
    expect(current.version).toBe(2);
    expect(current.person.name).toBe('Rina (verified)');
    expect(current.updated_at.toISOString()).toBe('2026-01-06T00:00:00.000Z');
  });
});
