import { hashSecret } from './secrets';
import { newSetupCode, SETUP_CODE_TTL_HOURS, setupCodeHash } from './setup-codes';

describe('setup codes', () => {
  it('are five groups of four base32 characters, different each time, valid for the TTL', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const codes = Array.from({ length: 200 }, () => newSetupCode(now));
    for (const { code, expiresAt } of codes) {
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(expiresAt.getTime() - now.getTime()).toBe(SETUP_CODE_TTL_HOURS * 3_600_000);
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(200);
  });

  it('hash the same however the code is typed: case, hyphens, spaces, O for 0, I or L for 1', () => {
    const { hash } = newSetupCode();
    expect(setupCodeHash('0A1B-2C3D-4E5F-6G7H-8J9K')).toBe(hashSecret('0A1B2C3D4E5F6G7H8J9K'));
    expect(setupCodeHash(' oa1b 2c3d-4e5f-6g7h-8j9k ')).toBe(hashSecret('0A1B2C3D4E5F6G7H8J9K'));
    expect(setupCodeHash('0AIB-2C3D-4E5F-6G7H-8J9K')).toBe(setupCodeHash('0ALB-2C3D-4E5F-6G7H-8J9K'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot be anything but a code: wrong length or characters hash to nothing', () => {
    for (const typed of ['', 'AAAA-BBBB', '0A1B-2C3D-4E5F-6G7H-8J9K-X', '0A1B-2C3D-4E5F-6G7H-8J9U', "0A1B-2C3D-4E5F-6G7H-8J9'"]) {
      expect([typed, setupCodeHash(typed)]).toEqual([typed, undefined]);
    }
  });
});
