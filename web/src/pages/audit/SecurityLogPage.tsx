/** Placeholder until the screen is built. */
export function SecurityLogPage() {
  return null;
}
