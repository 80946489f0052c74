import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ERASED_TEXT } from '../../activities/personal-data-erasure';
import type { Sealed } from '../../workflows/contracts/sealed';
import { isSealed, sealPaths } from '../../workflows/contracts/sealed';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { dataMasterKeyring } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import type { EnvKeyring } from '../temporal/codec/env-keyring';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What an erased value reads as: its key was destroyed, nothing opens it any more. */
export { ERASED_TEXT };

/** A case's data key, unwrapped for the length of one request. */
export interface DataKey {
  id: string;
  material: Buffer;
}

function encrypt(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv).setAAD(Buffer.from(aad));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

const sealedAad = (keyId: string) => `sinergi-sealed:v1:${keyId}`;
const wrapAad = (keyId: string) => `sinergi-data-key:v1:${keyId}`;

/**
 * Personal data under per-person data keys (docs/personal-data.md). Each case's person gets an
 * AES-256 data key when the case is opened, kept in `data_key` wrapped by the master key; the API seals
 * personal values under it before they reach Temporal, and opens them when it answers a caller allowed
 * to read them. Destroying the key (erasure: `destroyDataKeys` in activities/personal-data-erasure.ts)
 * leaves every sealed copy unreadable. Keys are looked up per call, never cached across requests: an
 * erasure takes effect for every API process at once.
 */
@Injectable()
export class PersonalData {
  private readonly master: EnvKeyring;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.master = dataMasterKeyring(config);
  }

  /** The data key of a case's person: made on the first call for the case, the same one after (retries, razia rows). */
  async keyForCase(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<DataKey> {
    const masterId = this.master.activeKeyId;
    const masterKey = this.master.key(masterId) as Buffer;
    const id = randomUUID();
    const material = randomBytes(32);
    await manager.query(`INSERT INTO data_key (id, case_id, master_key_id, wrapped) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`, [
      id,
      caseId,
      masterId,
      encrypt(masterKey, material, wrapAad(id)),
    ]);
    const [row] = await manager.query<KeyRow[]>(`SELECT id, master_key_id, wrapped FROM data_key WHERE case_id = $1`, [caseId]);
    const key = row === undefined ? undefined : this.unwrap(row);
    if (key === undefined) throw new DomainError('PERSONAL_DATA_ERASED', "This case's personal data was erased: nothing more can be recorded about the person");
    return key;
  }

  /** The value with the personal values at these paths sealed under the case's key (no key is touched when none is present). */
  async sealPaths<T>(caseId: string, value: T, paths: readonly string[][]): Promise<T> {
    if (!paths.some((path) => valueAt(value, path) !== undefined)) return value;
    const key = await this.keyForCase(caseId);
    return sealPaths(value, paths, (plain) => this.seal(key, plain));
  }

  seal(key: DataKey, value: unknown): Sealed {
    const data = encrypt(key.material, Buffer.from(JSON.stringify(value)), sealedAad(key.id));
    return { $sealed: 'v1', key: key.id, iv: data.subarray(0, IV_BYTES).toString('base64'), data: data.subarray(IV_BYTES).toString('base64') };
  }

  /**
   * The value with every sealed part opened: its plaintext while the key lives, `ERASED_TEXT` once it is
   * destroyed. A sealed bag (`{ …clear fields, sealed }`, e.g. a case's person) is merged into its
   * object, or marked `erased: true`. One query for all the keys the value needs.
   */
  async open<T>(value: T, manager: EntityManager = this.dataSource.manager): Promise<T> {
    const ids = new Set<string>();
    collectKeys(value, ids);
    if (ids.size === 0) return value;
    const rows = await manager.query<KeyRow[]>(`SELECT id, master_key_id, wrapped FROM data_key WHERE id = ANY($1::uuid[])`, [[...ids]]);
    const keys = new Map(rows.flatMap((row) => {
      const key = this.unwrap(row);
      return key === undefined ? [] : [[key.id, key] as const];
    }));
    return openWith(value, (sealed) => {
      const key = keys.get(sealed.key);
      if (key === undefined) return { erased: true };
      try {
        const plain = decrypt(key.material, Buffer.concat([Buffer.from(sealed.iv, 'base64'), Buffer.from(sealed.data, 'base64')]), sealedAad(key.id));
        return { value: JSON.parse(plain.toString('utf8')) as unknown };
      } catch {
        return { erased: true };
      }
    }) as T;
  }

  private unwrap(row: KeyRow): DataKey | undefined {
    const masterKey = this.master.key(row.master_key_id);
    if (row.wrapped === null || masterKey === undefined) return undefined;
    return { id: row.id, material: decrypt(masterKey, row.wrapped, wrapAad(row.id)) };
  }
}

interface KeyRow {
  id: string;
  master_key_id: string;
  wrapped: Buffer | null;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

function collectKeys(node: unknown, ids: Set<string>): void {
  if (isSealed(node)) ids.add(node.key);
  else if (Array.isArray(node)) for (const item of node) collectKeys(item, ids);
  else if (node !== null && typeof node === 'object') for (const item of Object.values(node)) collectKeys(item, ids);
}

type Opener = (sealed: Sealed) => { value: unknown } | { erased: true };

function openWith(node: unknown, opener: Opener): unknown {
  if (isSealed(node)) {
    const opened = opener(node);
    return 'value' in opened ? opened.value : ERASED_TEXT;
  }
  if (Array.isArray(node)) return node.map((item) => openWith(item, opener));
  if (node === null || typeof node !== 'object' || node instanceof Date) return node;
  const { sealed, ...clear } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(clear).map(([k, v]) => [k, openWith(v, opener)]));
  if (!isSealed(sealed)) return sealed === undefined ? out : { ...out, sealed: openWith(sealed, opener) };
  const opened = opener(sealed);
  return 'value' in opened && typeof opened.value === 'object' && opened.value !== null ? { ...out, ...opened.value } : { ...out, erased: true };
}
