/**
 * Polls `probe` until `done` accepts its value, for eventually consistent reads (Temporal visibility,
 * the projection written by an activity). Bounded: returns the last value after `timeoutMs` so the
 * caller's assertion fails with a readable message instead of hanging.
 */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}
