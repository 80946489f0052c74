/** Placeholder until the screen is built. */
export function AgenciesPage() {
  return null;
}
