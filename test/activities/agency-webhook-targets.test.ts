import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createAgencyWebhookActivities } from '../../activities/agency-webhook.activities';
import { dataSourceOptions } from '../../src/database/data-source';
import type { AgencyTaskOrder } from '../../workflows/contracts/task';
import { testConfig } from '../helpers/test-config';

/** Delivery under the production rule (`public-https`) against a receiver on this machine, on real PostgreSQL and real DNS (/etc/hosts). */
describe('agency webhook delivery: production sends to public addresses only', () => {
  let dataSource: DataSource;
  let port: number;
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    received.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(200).end());
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    const { database } = testConfig();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await new Promise((resolve) => receiver.close(resolve));
  });

  /** An agency of its own with the webhook stored as given (as if set before the rule, or outside production), and a task order for it. */
  async function agencyWithWebhook(url: string): Promise<AgencyTaskOrder> {
    const code = `WH_${randomBytes(4).toString('hex').toUpperCase()}`;
    await dataSource.query(`INSERT INTO agency (code, region_code, name, webhook_url, webhook_secret) VALUES ($1, '3514', 'Dinas Uji Webhook', $2, 'webhook-secret-of-the-test')`, [code, url]);
    return { taskKey: 'HEALTH_CHECK@v1', caseId: randomUUID(), type: 'HEALTH_CHECK', agencyCode: code, regionCode: '3514', dispatchedAt: new Date().toISOString(), dueAt: null };
  }

  const attempt = async (order: AgencyTaskOrder) =>
    (await dataSource.query<{ attempts: number; last_status: number | null; last_error: string | null; delivered_at: Date | null }[]>(
      'SELECT attempts, last_status, last_error, delivered_at FROM webhook_delivery WHERE case_id = $1',
      [order.caseId],
    ))[0];

  it.each([
    ['a host name resolving to loopback', (p: number) => `https://localhost:${p}/resolved`, /resolves to a non-public address/],
    ['a literal loopback address', (p: number) => `https://127.0.0.1:${p}/literal`, /address is not public/],
    ['a literal IPv4-mapped loopback address', (p: number) => `https://[::ffff:127.0.0.1]:${p}/mapped`, /address is not public/],
    ['plain http', (p: number) => `http://localhost:${p}/plain`, /not https/],
  ])('refuses %s, sends nothing and records the failed attempt', async (_case, url, reason) => {
    const order = await agencyWithWebhook(url(port));
    const { notifyAgencyWebhook } = createAgencyWebhookActivities({ dataSource, webhookTargets: 'public-https' });
    await expect(notifyAgencyWebhook(order, { taskId: randomUUID(), recordedBy: 'sinergi' })).rejects.toThrow(reason);
    expect(await attempt(order)).toEqual({ attempts: 1, last_status: null, last_error: expect.stringMatching(reason), delivered_at: null });
    expect((await attempt(order))?.last_error).not.toContain(String(port)); // the error names no address
    expect(received).toEqual([]);
  });

  it('outside production the same local receiver is reached (the refusals above are the rule, not an unreachable receiver)', async () => {
    const order = await agencyWithWebhook(`http://localhost:${port}/local`);
    const { notifyAgencyWebhook } = createAgencyWebhookActivities({ dataSource, webhookTargets: 'any' });
    await expect(notifyAgencyWebhook(order, { taskId: randomUUID(), recordedBy: 'sinergi' })).resolves.toBe('DELIVERED');
    expect(received).toEqual(['/local']);
    expect(await attempt(order)).toMatchObject({ attempts: 1, last_status: 200, last_error: null });
  });
});
