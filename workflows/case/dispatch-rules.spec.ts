import type { TaskState } from '../contracts/task';
import { owesSend } from './dispatch-rules';

const task = (overrides: Partial<TaskState> = {}): TaskState => ({
  order: { taskKey: 'HEALTH_CHECK@v1', caseId: 'c1', type: 'HEALTH_CHECK', agencyCode: 'DINKES', regionCode: '3514', dispatchedAt: '2026-03-02T01:00:00.000Z', dueAt: null },
  receipt: null,
  status: 'OPEN',
  assignee: null,
  outcome: null,
  reason: null,
  closedAt: null,
  ...overrides,
});
const ctx = (fixed: boolean, notifyWebhooks = false, sending: string[] = []) => ({ fixed, notifyWebhooks, sending: new Set(sending) });
const receipt = { taskId: 't1', recordedBy: 'sinergi' };

describe('what the task dispatcher still owes', () => {
  it('sends an open task without a receipt, once at a time', () => {
    expect(owesSend(task(), ctx(true))).toBe(true);
    expect(owesSend(task(), ctx(true, false, ['HEALTH_CHECK@v1']))).toBe(false);
  });

  it('never sends a task cancelled before its delivery (patched runs); older histories replay the old send', () => {
    const cancelled = task({ status: 'CANCELLED', closedAt: '2026-03-02T02:00:00.000Z' });
    expect(owesSend(cancelled, ctx(true))).toBe(false);
    expect(owesSend(cancelled, ctx(true, true))).toBe(false);
    expect(owesSend(cancelled, ctx(false))).toBe(true);
  });

  it('announces a delivered open task to the webhook once, and never a closed one (patched runs)', () => {
    expect(owesSend(task({ receipt }), ctx(true, true))).toBe(true);
    expect(owesSend(task({ receipt, notified: true }), ctx(true, true))).toBe(false);
    expect(owesSend(task({ receipt, notifyFailed: true }), ctx(true, true))).toBe(false);
    expect(owesSend(task({ receipt }), ctx(true, false))).toBe(false);
    expect(owesSend(task({ receipt, status: 'COMPLETED' }), ctx(true, true))).toBe(false);
    expect(owesSend(task({ receipt, status: 'COMPLETED' }), ctx(false, true))).toBe(true);
  });

  it('stops at a delivery failure retries could not mend', () => {
    expect(owesSend(task({ deliveryFailed: true }), ctx(true, true))).toBe(false);
    expect(owesSend(task({ deliveryFailed: true }), ctx(false, true))).toBe(false);
  });
});
