/**
 * Modules the workflow bundle loads once per worker instead of once per workflow run.
 *
 * The SDK's reusable V8 context gives every run its own copy of each bundled module, so each cached run
 * paid for a fresh instance of zod (about 190 modules) that the contracts use to validate commands.
 * Used as the contracts use it, zod keeps no per-run state: its module scope builds classes and the
 * default locale, while the schemas our own modules build (with their registries) stay per run. The SDK
 * deep-freezes preloaded modules, so a write into them throws instead of leaking between runs; what that
 * rules out in workflow schemas is listed in workflows/shared-modules.ts. Measured in docs/performance.md
 * (npm run bench:scale:worker). Absolute paths, resolved from here in the sources and in dist alike.
 */
export function sharedWorkflowModules(): string[] {
  return [require.resolve('../../workflows/shared-modules')];
}
