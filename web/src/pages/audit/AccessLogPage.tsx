/** Placeholder until the screen is built. */
export function AccessLogPage() {
  return null;
}
