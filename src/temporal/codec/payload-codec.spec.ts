import { defaultPayloadConverter } from '@temporalio/common';
import { decode as fromUtf8 } from '@temporalio/common/lib/encoding';
import { EnvKeyring, keyringProblems } from './env-keyring';
import { AesGcmPayloadCodec, KEY_ID_METADATA, PayloadDecryptionError } from './payload-codec';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const K1 = `k1:${key(1)}`;
const K2 = `k2:${key(2)}`;
const secret = { name: 'Siti Rahayu Pratiwi', nik: '3514014105120003', health: 'TB paru' };
const payload = () => defaultPayloadConverter.toPayload(secret);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('latin1');

describe('AES-256-GCM payload codec', () => {
  it('seals the whole payload: no personal data, no original metadata, the key id in clear', async () => {
    const [sealed] = await new AesGcmPayloadCodec(new EnvKeyring(K1)).encode([payload()]);
    expect(fromUtf8(sealed?.metadata?.encoding as Uint8Array)).toBe('binary/encrypted');
    expect(fromUtf8(sealed?.metadata?.[KEY_ID_METADATA] as Uint8Array)).toBe('k1');
    expect(Object.keys(sealed?.metadata ?? {})).toHaveLength(2);
    for (const s of [secret.name, secret.nik, 'json/plain', 'Siti']) expect(text(sealed?.data)).not.toContain(s);
    const [opened] = await new AesGcmPayloadCodec(new EnvKeyring(K1)).decode([sealed as never]);
    expect(defaultPayloadConverter.fromPayload(opened as never)).toEqual(secret);
  });

  it('uses a fresh IV per payload (the same value twice gives two ciphertexts)', async () => {
    const [a, b] = await new AesGcmPayloadCodec(new EnvKeyring(K1)).encode([payload(), payload()]);
    expect(text(a?.data)).not.toBe(text(b?.data));
  });

  it('rotates: the new active key encrypts, the old key still decrypts, a keyring without it cannot', async () => {
    const [old] = await new AesGcmPayloadCodec(new EnvKeyring(K1)).encode([payload()]);
    const rotated = new AesGcmPayloadCodec(new EnvKeyring(`${K2},${K1}`));
    const [fresh] = await rotated.encode([payload()]);
    expect(fromUtf8(fresh?.metadata?.[KEY_ID_METADATA] as Uint8Array)).toBe('k2');
    const opened = await rotated.decode([old as never, fresh as never]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([secret, secret]);
    await expect(new AesGcmPayloadCodec(new EnvKeyring(K2)).decode([old as never])).rejects.toThrow(PayloadDecryptionError);
    // The active key can also be named.
    const [named] = await new AesGcmPayloadCodec(new EnvKeyring(`${K2},${K1}`, 'k1')).encode([payload()]);
    expect(fromUtf8(named?.metadata?.[KEY_ID_METADATA] as Uint8Array)).toBe('k1');
  });

  it('refuses tampered ciphertext and passes plain payloads (older histories) through', async () => {
    const codec = new AesGcmPayloadCodec(new EnvKeyring(K1));
    const [sealed] = await codec.encode([payload()]);
    const data = Buffer.from(sealed?.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(/failed authentication/);
    const plain = payload();
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('validates keyrings', () => {
    expect(keyringProblems(`${K1},${K2}`, 'k2')).toEqual([]);
    expect(keyringProblems('', undefined)).toEqual(['holds no key']);
    expect(keyringProblems(`${K1},${K1}`, undefined)).toEqual(['key id k1 appears twice']);
    expect(keyringProblems(`k1:${Buffer.alloc(16).toString('base64')}`, undefined)).toEqual(['key k1 must be 32 bytes in base64']);
    expect(keyringProblems('bad id:xx', undefined)[0]).toMatch(/not <id>:<base64 key>/);
    expect(() => new EnvKeyring(K1, 'k9')).toThrow(/active key k9/);
  });
});
