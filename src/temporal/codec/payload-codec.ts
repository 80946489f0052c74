import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { decode as fromUtf8, encode as utf8 } from '@temporalio/common/lib/encoding';
import { temporal } from '@temporalio/proto';

/** The `encoding` of a payload this codec produced; its `encryption-key-id` names the key. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Where the codec's keys come from: an environment keyring now (`EnvKeyring`), a KMS later. The active
 * key encrypts new payloads; every key it still holds decrypts old ones (rotation without re-encryption).
 */
export interface PayloadKeyProvider {
  readonly activeKeyId: string;
  /** A 32-byte AES-256 key, or undefined when the provider does not hold that id. */
  key(id: string): Buffer | undefined;
}

/** Thrown for a payload the codec cannot open: an unknown key id, or ciphertext that fails authentication. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * AES-256-GCM over each whole payload (its metadata and data, serialised as a Temporal `Payload`), with
 * a fresh 96-bit IV per payload: `data` = IV ‖ ciphertext ‖ tag, metadata = encoding and key id only.
 * Payloads it did not encrypt (histories from before it) pass through decode unchanged.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeyProvider) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keys.activeKeyId;
    const key = this.keys.key(keyId);
    if (key === undefined) return Promise.reject(new Error(`the active payload key ${keyId} is missing`));
    return Promise.resolve(
      payloads.map((payload) => {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv(CIPHER, key, iv);
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return { metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) }, data: sealed };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    try {
      return Promise.resolve(payloads.map((payload) => this.open(payload)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (encoding === undefined || encoding === null || fromUtf8(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? fromUtf8(idBytes) : '';
    const key = this.keys.key(keyId);
    if (key === undefined) throw new PayloadDecryptionError(`no payload key with id ${JSON.stringify(keyId)}`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload too short');
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload under key ${keyId} failed authentication`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

/**
 * The data converter of every Sinergi client and worker: every payload through the codec. Failure
 * messages stay in clear (they are not payloads); they never carry personal data (activities/safe-errors.ts).
 */
export function sinergiDataConverter(keys: PayloadKeyProvider): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
