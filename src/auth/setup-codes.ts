import { randomBytes } from 'node:crypto';
import { hashSecret } from './secrets';

/** A setup code is valid this long after it is issued. */
export const SETUP_CODE_TTL_HOURS = 72;

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20; // 100 bits: far beyond guessing at the throttled rate

export interface SetupCode {
  /** Shown once, to the one who hands it to the person; never stored. */
  code: string;
  hash: string;
  expiresAt: Date;
}

/** A new one-time code, formatted `XXXX-XXXX-XXXX-XXXX-XXXX`. */
export function newSetupCode(now = new Date()): SetupCode {
  // 256 is a multiple of 32: taking each byte modulo 32 is unbiased.
  const chars = [...randomBytes(LENGTH)].map((b) => ALPHABET[b % 32] as string).join('');
  const code = chars.match(/.{4}/g)?.join('-') ?? chars;
  return { code, hash: hashSecret(chars), expiresAt: new Date(now.getTime() + SETUP_CODE_TTL_HOURS * 3_600_000) };
}

/**
 * The hash of a code as typed: case, spaces and hyphens do not matter, and O, I and L read as 0, 1
 * and 1. Undefined when it cannot be a code at all.
 */
export function setupCodeHash(typed: string): string | undefined {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return chars.length === LENGTH && [...chars].every((c) => ALPHABET.includes(c)) ? hashSecret(chars) : undefined;
}
