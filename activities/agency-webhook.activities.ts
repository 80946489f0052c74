import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { DataSource } from 'typeorm';
import type { AgencyTaskOrder, TaskReceipt } from '../workflows/contracts/task';
import type { WebhookTargets } from './webhook-targets';
import { isPublicAddress, publicOnlyLookup, WebhookTargetRefused } from './webhook-targets';

export interface AgencyWebhookDeps {
  dataSource: DataSource;
  /** Per-attempt HTTP timeout. */
  webhookTimeoutMs?: number;
  /** Where webhooks may be sent (production: `public-https`); unset → `public-https`. */
  webhookTargets?: WebhookTargets;
}

/**
 * POSTs once and answers the receiver's status. No redirect is followed (a redirect could lead
 * anywhere); under `public-https` the connection goes only to an address checked public.
 */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, targets: WebhookTargets): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  // Names were judged when the URL was set; what counts now is the address the connection goes to. A
  // literal address never reaches the lookup, so it is checked here.
  if (targets === 'public-https' && target.protocol !== 'https:') return Promise.reject(new WebhookTargetRefused('the webhook URL is not https'));
  if (targets === 'public-https' && isIP(host) !== 0 && !isPublicAddress(host)) return Promise.reject(new WebhookTargetRefused('the webhook address is not public'));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'POST', headers, signal: AbortSignal.timeout(timeoutMs), ...(targets === 'public-https' ? { lookup: publicOnlyLookup } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`: what a receiver recomputes to verify. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Tells an agency's system about a new task, if the agency has a webhook. The body carries ids and
 * the task type only (no personal data); `Idempotency-Key` is the task id so a receiver can drop the
 * duplicates that retries produce. Every attempt is recorded (supervisors see failures); a failed
 * attempt throws, and Temporal retries with backoff until the receiver accepts.
 */
export function createAgencyWebhookActivities({ dataSource, webhookTimeoutMs = 10_000, webhookTargets = 'public-https' }: AgencyWebhookDeps) {
  const record = (order: AgencyTaskOrder, status: number | null, error: string | null, delivered: boolean) =>
    dataSource.query(
      `INSERT INTO webhook_delivery (case_id, task_key, agency_code, region_code, attempts, last_status, last_error, delivered_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6, CASE WHEN $7 THEN now() END)
       ON CONFLICT (case_id, task_key) DO UPDATE SET attempts = webhook_delivery.attempts + 1, last_status = EXCLUDED.last_status,
         last_error = EXCLUDED.last_error, delivered_at = COALESCE(webhook_delivery.delivered_at, EXCLUDED.delivered_at), updated_at = now()`,
      [order.caseId, order.taskKey, order.agencyCode, order.regionCode, status, error, delivered],
    );

  return {
    notifyAgencyWebhook: async (order: AgencyTaskOrder, receipt: TaskReceipt): Promise<'DELIVERED' | 'NO_WEBHOOK'> => {
      const [agency] = await dataSource.query<{ webhook_url: string | null; webhook_secret: string | null }[]>(
        'SELECT webhook_url, webhook_secret FROM agency WHERE code = $1 AND region_code = $2',
        [order.agencyCode, order.regionCode],
      );
      if (!agency?.webhook_url || !agency.webhook_secret) return 'NO_WEBHOOK';
      const [row] = await dataSource.query<{ id: string }[]>('SELECT id FROM agency_task WHERE case_id = $1 AND task_key = $2', [order.caseId, order.taskKey]);
      const taskId = row?.id ?? receipt.taskId;
      const body = JSON.stringify({ event: 'task.dispatched', taskId, taskKey: order.taskKey, caseId: order.caseId, type: order.type, agencyCode: order.agencyCode, regionCode: order.regionCode, dispatchedAt: order.dispatchedAt, dueAt: order.dueAt });
      const timestamp = String(Math.floor(Date.now() / 1000));
      let status: number | null = null;
      try {
        const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': taskId, 'x-sinergi-timestamp': timestamp, 'x-sinergi-signature': webhookSignature(agency.webhook_secret, timestamp, body) };
        status = await post(agency.webhook_url, headers, body, webhookTimeoutMs, webhookTargets);
        if (status < 200 || status > 299) throw new Error(`receiver answered ${status}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message.slice(0, 200) : 'delivery failed';
        await record(order, status, reason, false);
        throw new Error(`webhook delivery to ${order.agencyCode} failed: ${reason}`);
      }
      await record(order, status, null, true);
      return 'DELIVERED';
    },
  };
}
