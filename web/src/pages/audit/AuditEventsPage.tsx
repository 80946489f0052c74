/** Placeholder until the screen is built. */
export function AuditEventsPage() {
  return null;
}
