/** Placeholder until the screen is built. */
export function AuditCasePage() {
  return null;
}
