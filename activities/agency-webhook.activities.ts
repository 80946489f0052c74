import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AgencyTaskOrder, TaskReceipt } from '../workflows/contracts/task';

export interface AgencyWebhookDeps {
  dataSource: DataSource;
  /** Per-attempt HTTP timeout. */
  webhookTimeoutMs?: number;
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
export function createAgencyWebhookActivities({ dataSource, webhookTimeoutMs = 10_000 }: AgencyWebhookDeps) {
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
        const res = await fetch(agency.webhook_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': taskId, 'x-sinergi-timestamp': timestamp, 'x-sinergi-signature': webhookSignature(agency.webhook_secret, timestamp, body) },
          body,
          signal: AbortSignal.timeout(webhookTimeoutMs),
        });
        status = res.status;
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`receiver answered ${res.status}`);
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
