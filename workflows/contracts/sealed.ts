import { z } from 'zod';

/**
 * Personal data sealed by the API under the data key of the case's person (AES-256-GCM; the key lives
 * wrapped by the master key in PostgreSQL, src/personal-data). Workflows, the ledger, task outcomes and
 * the read model carry it opaque: only the API opens it, for a caller allowed to read it, and once the
 * key is destroyed (erasure) nothing opens it any more while the hash chain, which hashes what is
 * stored, still verifies. Plain JSON. See docs/personal-data.md.
 */
export interface Sealed {
  $sealed: 'v1';
  /** The data key's id (`data_key.id`). */
  key: string;
  /** 96-bit IV, base64. */
  iv: string;
  /** Ciphertext of the value's JSON followed by the 16-byte GCM tag, base64. */
  data: string;
}

/** A personal value as stored: in clear in histories from before sealing, sealed since. */
export type Personal<T> = T | Sealed;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The shape of a sealed value (what the workflow's validators accept in place of personal text). */
export const SEALED_SCHEMA = z.strictObject({
  $sealed: z.literal('v1'),
  key: z.uuid(),
  iv: z.string().length(16).regex(BASE64),
  data: z.string().max(16_384).regex(BASE64),
});

export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && (value as { $sealed?: unknown }).$sealed === 'v1';
}

/** Marks the schemas of personal values: the API seals what they accept before it reaches a workflow. */
export const PERSONAL_VALUE = z.registry<{ personal: true }>();

/**
 * A personal value's schema: as given (the API's validation, and OpenAPI), or — for a workflow's own
 * validators — also its sealed form.
 */
export function personal<T extends z.ZodType>(schema: T, sealedAllowed: false): T;
export function personal<T extends z.ZodType>(schema: T, sealedAllowed: boolean): T | z.ZodUnion<readonly [T, typeof SEALED_SCHEMA]>;
export function personal<T extends z.ZodType>(schema: T, sealedAllowed: boolean): T | z.ZodUnion<readonly [T, typeof SEALED_SCHEMA]> {
  const marked = sealedAllowed ? z.union([schema, SEALED_SCHEMA]) : schema;
  marked.register(PERSONAL_VALUE, { personal: true });
  return marked;
}

/** The paths (field names from the root) of every personal value an object schema holds. */
export function personalPaths(schema: z.ZodType, at: string[] = []): string[][] {
  if (PERSONAL_VALUE.has(schema)) return [at];
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } } })._zod.def;
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType !== undefined) return personalPaths(def.innerType, at);
  if (def.type === 'object' && def.shape !== undefined) return Object.entries(def.shape).flatMap(([key, child]) => personalPaths(child, [...at, key]));
  return [];
}

/** A copy of `value` with the value at each path replaced by what `seal` makes of it (absent values stay absent). */
export function sealPaths<T>(value: T, paths: readonly string[][], seal: (plain: unknown) => Sealed): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    let node: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = node?.[key];
      node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    const last = path[path.length - 1] as string;
    if (node !== undefined && node[last] !== undefined && !isSealed(node[last])) node[last] = seal(node[last]);
  }
  return copy as T;
}
