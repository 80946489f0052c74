import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { webhookSignature } from '../../activities/agency-webhook.activities';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('agency webhook: signed, retried until delivered, one idempotency key per task', () => {
  const secret = 'dinkes-surabaya-webhook-secret';
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const status = received.length < 2 ? 503 : 200; // the receiver is down for the first two attempts
      received.push({ status, headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('delivers each task once with a valid signature, after the receiver failed twice; supervisors see the delivery', async () => {
    const app = api.getHttpServer();
    const dinkes = await createAgency(db, 'DINKES', '3578');
    const admin = (await signedIn(app, db, 'ADMIN', '3578')).token;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sinergi/tasks`;
    await request(app).patch(`/agencies/${dinkes}`).auth(admin, { type: 'bearer' }).send({ webhookUrl: url }).expect(400); // a URL needs its secret
    const set = await request(app).patch(`/agencies/${dinkes}`).auth(admin, { type: 'bearer' }).send({ webhookUrl: url, webhookSecret: secret }).expect(200);
    expect(set.body).toMatchObject({ webhookConfigured: true });
    expect(JSON.stringify(set.body)).not.toContain(secret);

    const cw = (await signedIn(app, db, 'CASE_WORKER', '3578')).token;
    const opened = await request(app).post('/cases').auth(cw, { type: 'bearer' }).send({ channel: 'RAZIA', regionCode: '3578', person: { name: 'Pak Webhook', sex: 'L', approximateAge: 50 } }).expect(201);
    await request(app).post(`/cases/${opened.body.id}/start-health-check`).auth(cw, { type: 'bearer' }).expect(200);

    await eventually(() => Promise.resolve(received.length), (n) => n >= 3, 20_000);
    expect(received.map((r) => r.status)).toEqual([503, 503, 200]);
    const [taskRow] = (await db.query('SELECT id FROM agency_task WHERE case_id = $1', [opened.body.id])).rows as { id: string }[];
    for (const r of received) {
      const timestamp = r.headers['x-sinergi-timestamp'] as string;
      expect(r.headers['x-sinergi-signature']).toBe(webhookSignature(secret, timestamp, r.body));
      expect(r.headers['idempotency-key']).toBe(taskRow?.id);
      expect(JSON.parse(r.body)).toMatchObject({ event: 'task.dispatched', type: 'HEALTH_CHECK', agencyCode: 'DINKES', caseId: opened.body.id });
      expect(r.body).not.toContain('Pak Webhook'); // no personal data leaves in notifications
    }

    const supervisor = (await signedIn(app, db, 'SUPERVISOR', '3578')).token;
    const queue = await eventually(
      async () => (await request(app).get('/agencies/DINKES/queue').auth(supervisor, { type: 'bearer' }).expect(200)).body as { webhook: { delivered: number; failing: number } },
      (q) => q.webhook.delivered === 1,
    );
    expect(queue.webhook).toEqual({ delivered: 1, failing: 0, lastError: null });
    expect(received).toHaveLength(3);
  });
});

describe('agency webhook URLs under the production rule (SINERGI_WEBHOOK_TARGETS=public-https, the production default)', () => {
  let api: INestApplication;
  let db: Pool;

  beforeAll(async () => {
    const config = testConfig({ SINERGI_WEBHOOK_TARGETS: 'public-https' });
    db = testPool(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await db?.end();
  });

  it('refuses http, internal addresses and local names with a field error and changes nothing; accepts https to a public host', async () => {
    const app = api.getHttpServer();
    const agency = await createAgency(db, 'DINKES', '3579');
    const admin = (await signedIn(app, db, 'ADMIN', '3579')).token;
    const patch = (webhookUrl: string) => request(app).patch(`/agencies/${agency}`).auth(admin, { type: 'bearer' }).send({ webhookUrl, webhookSecret: 'dinkes-batu-webhook-secret' });
    const stored = async () => (await db.query('SELECT webhook_url, webhook_secret FROM agency WHERE id = $1', [agency])).rows[0] as unknown;
    const before = await stored();
    for (const url of ['http://simrs.example.go.id/hook', 'https://127.0.0.1:8443/hook', 'https://[::1]/hook', 'https://10.0.0.8/hook', 'https://100.64.0.9/hook', 'https://169.254.169.254/latest', 'https://[fd00::1]/hook', 'https://localhost/hook', 'https://postgresql:5432/hook']) {
      const res = await patch(url).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'webhookUrl' }] });
    }
    expect(await stored()).toEqual(before);
    await patch('https://simrs.example.go.id/sinergi/tasks').expect(200);
    expect(await stored()).toEqual({ webhook_url: 'https://simrs.example.go.id/sinergi/tasks', webhook_secret: 'dinkes-batu-webhook-secret' });
  });
});
