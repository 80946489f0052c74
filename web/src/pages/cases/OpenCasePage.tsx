/** Placeholder until the screen is built. */
export function OpenCasePage() {
  return null;
}
