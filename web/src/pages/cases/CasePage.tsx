/** Placeholder until the screen is built. */
export function CasePage() {
  return null;
}
