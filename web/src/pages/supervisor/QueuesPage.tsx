/** Placeholder until the screen is built. */
export function QueuesPage() {
  return null;
}
