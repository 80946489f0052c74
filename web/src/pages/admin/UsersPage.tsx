/** Placeholder until the screen is built. */
export function UsersPage() {
  return null;
}
