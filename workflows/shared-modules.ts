import { z } from 'zod';

/**
 * The module the worker preloads into its reusable V8 context (src/worker/workflow-bundle-options.ts):
 * what it imports is instantiated once per worker, not once per cached run, and then frozen by the SDK.
 * Only zod is here. Our own schemas cannot be: zod builds parts of a schema on first use (its methods,
 * some internals, its memoizer's wrapper) by writing into it, which a frozen schema refuses (measured:
 * sharing the command schemas too cut the memory per run by a further 80 %, but failed every command).
 *
 * What this forbids in workflow schemas, because the shared zod is frozen or shared: zod's string
 * formats that use its own regular expressions (`z.email()`, `z.iso.date()`, `.lowercase()`...: their
 * check writes `lastIndex` of the frozen expression and throws), `z.config()`, and `.meta({ id })` (its
 * global registry would carry ids from one run to the next). A format written with our own regular
 * expression, `z.uuid()` (which builds its expression per call) and the rest the contracts use today
 * work. The workflow and HTTP tests run the contracts through the frozen zod, but only those they send:
 * a schema is built in the worker when a run first validates it (./contracts/lazy.ts), not at load.
 *
 * zod declares itself free of side effects, so the bundler drops a bare `require('zod')`; re-exporting
 * it here keeps it. zod sets its default locale and memoizer in its global config when it builds its
 * first schema (an object schema sets both): build one now, while that config can still be written.
 */
z.object({});

export { z };
