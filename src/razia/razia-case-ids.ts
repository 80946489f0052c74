import { createHash } from 'node:crypto';

/** Namespace of razia case ids (a fixed random UUID; changing it would re-open every razia's cases). */
const RAZIA_CASE_NAMESPACE = Buffer.from('6c1f0e2a4b7d4e3f9a215d8c0b3e7f41', 'hex');

/**
 * The case id of the person at `position` of a razia: a name-based UUID (RFC 9562 version 5) of the
 * razia id and the position. Every retry and every concurrent resubmission of the razia computes the
 * same id, so Temporal's workflow-id uniqueness (`case-<id>`) lets the case open only once.
 */
export function raziaCaseId(raziaId: string, position: number): string {
  const hash = createHash('sha1').update(RAZIA_CASE_NAMESPACE).update(`${raziaId}/${position}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
