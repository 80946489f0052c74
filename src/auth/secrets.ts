import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit random secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 is enough for high-entropy random secrets (no dictionary to attack, unlike passwords). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Splits `<id>.<secret>`; undefined when malformed. */
export function splitCompositeToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{16,128})$/.exec(token.trim());
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}
