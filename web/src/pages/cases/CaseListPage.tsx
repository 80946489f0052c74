/** Placeholder until the screen is built. */
export function CaseListPage() {
  return null;
}
