/** Placeholder until the screen is built. */
export function InboxPage() {
  return null;
}
