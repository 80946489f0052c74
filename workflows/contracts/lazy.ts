/**
 * Records whose values are built on first read, once. Their keys are there from the start
 * (`Object.keys`, `in`), so listing them builds nothing.
 *
 * Why: every workflow run the worker caches holds its own copy of the module state of the bundle. The
 * command and outcome schemas were most of that state (docs/performance.md, "Schemas built on first
 * use"). Built on demand, a run holds only the schemas it has validated (kept until it leaves the
 * cache), and a run that has validated nothing holds none.
 *
 * Replay: the workflow reads these schemas only in update validators, which the SDK does not run on
 * replay, and building one changes nothing the workflow reads. A builder must stay that way (no clock,
 * no randomness, no workflow state), and must not read its own key (it would recurse).
 */
export function lazilyFor<K extends string, V>(keys: readonly K[], build: (key: K) => V): { readonly [P in K]: V } {
  const record = {} as { [P in K]: V };
  for (const key of keys) {
    Object.defineProperty(record, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = build(key);
        Object.defineProperty(record, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return record;
}

/** A record built on first read of each key, one builder per key. */
export function lazily<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  return lazilyFor(Object.keys(builders) as (keyof T & string)[], (key) => builders[key]!()) as { readonly [K in keyof T]: ReturnType<T[K]> };
}
