import type { CaseCommand } from '../../workflows/contracts/commands';
import { COMMAND_BODIES } from '../../workflows/contracts/commands';
import { commandReason } from '../../workflows/case/journal';

/**
 * Ledger entries as their readers see them once opened: a command's reason written from its (opened)
 * payload, as the workflow writes it for clear text, and a task rejection's reason from its payload.
 * Since issue 13 personal text stays sealed in the payload and out of the stored `reason` column; the
 * stored entries (exports, the chain) are unchanged.
 */
export function withReadableReasons<T extends { action: string; reason: string | null; payload: unknown }>(entries: T[]): T[] {
  return entries.map((e) => {
    if (e.reason !== null && !(e.action === 'closeCase')) return e;
    const payload = e.payload as Record<string, unknown> | null;
    if (payload === null || typeof payload !== 'object') return e;
    if (e.action === 'rejectTask' && typeof payload.reason === 'string') return { ...e, reason: payload.reason };
    if (typeof payload.action !== 'string' || !(payload.action in COMMAND_BODIES)) return e;
    return { ...e, reason: commandReason(payload as unknown as CaseCommand) ?? e.reason };
  });
}
