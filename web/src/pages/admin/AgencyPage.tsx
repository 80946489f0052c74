/** Placeholder until the screen is built. */
export function AgencyPage() {
  return null;
}
