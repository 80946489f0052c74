/** Placeholder until the screen is built. */
export function OverduePage() {
  return null;
}
