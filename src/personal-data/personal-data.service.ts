import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { OnModuleInit } from '@nestjs/common';
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
export class PersonalData implements OnModuleInit {
  private readonly master: EnvKeyring;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.master = dataMasterKeyring(config);
  }

  /** Refuses to start when a live data key is wrapped by a master key the keyring no longer holds (a rotation that dropped it too early). */
  async onModuleInit(): Promise<void> {
    const used = await this.dataSource.query<{ id: string }[]>(`SELECT DISTINCT master_key_id AS id FROM data_key WHERE wrapped IS NOT NULL`);
    const missing = used.map((r) => r.id).filter((id) => this.master.key(id) === undefined);
    if (missing.length > 0) throw new PersonalDataKeyError(`SINERGI_DATA_KEYS lacks the master key(s) ${missing.join(', ')} that wrap live data keys: list them again (rotation keeps old keys)`);
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
    const key = row === undefined ? 'destroyed' : this.unwrap(row);
    if (key === 'destroyed') throw new DomainError('PERSONAL_DATA_ERASED', "This case's personal data was erased: nothing more can be recorded about the person");
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
    const keys = new Map(rows.map((row) => [row.id, this.unwrap(row)] as const));
    return openWith(value, (sealed) => {
      // A destroyed key (erasure), or none at all: nothing opens this value any more.
      const key = keys.get(sealed.key) ?? 'destroyed';
      if (key === 'destroyed') return { erased: true };
      let plain: Buffer;
      try {
        plain = decrypt(key.material, Buffer.concat([Buffer.from(sealed.iv, 'base64'), Buffer.from(sealed.data, 'base64')]), sealedAad(key.id));
      } catch {
        throw new PersonalDataKeyError(`a value sealed under data key ${key.id} fails authentication (altered, or sealed under another key)`);
      }
      return { value: JSON.parse(plain.toString('utf8')) as unknown };
    }) as T;
  }

  /** The key, or 'destroyed' once erased. A live key whose master key is missing, or that fails to unwrap, is an error, never an erasure. */
  private unwrap(row: KeyRow): DataKey | 'destroyed' {
    if (row.wrapped === null) return 'destroyed';
    const masterKey = this.master.key(row.master_key_id);
    if (masterKey === undefined) throw new PersonalDataKeyError(`data key ${row.id} is wrapped by master key ${row.master_key_id}, which SINERGI_DATA_KEYS does not hold`);
    try {
      return { id: row.id, material: decrypt(masterKey, row.wrapped, wrapAad(row.id)) };
    } catch {
      throw new PersonalDataKeyError(`data key ${row.id} fails to unwrap under master key ${row.master_key_id}`);
    }
  }

  /** The cases whose data keys sealed something in this value (for the access log of a read that opens it). */
  async casesSealedIn(value: unknown, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const ids = new Set<string>();
    collectKeys(value, ids);
    if (ids.size === 0) return [];
    const rows = await manager.query<{ case_id: string }[]>(`SELECT case_id FROM data_key WHERE id = ANY($1::uuid[])`, [[...ids]]);
    return rows.map((r) => r.case_id);
  }

  /**
   * The registry's record of cases whose person the read model or the workflow holds neither sealed nor
   * in clear (cases opened before sealing: the migration moved their person here).
   */
  async subjects(caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, CaseSubject>> {
    if (caseIds.length === 0) return new Map();
    const rows = await manager.query<(CaseSubject & { case_id: string })[]>(
      `SELECT case_id, name, nik, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", guardian, erased_at IS NOT NULL AS erased FROM case_subject WHERE case_id = ANY($1::uuid[])`,
      [[...caseIds]],
    );
    return new Map(rows.map(({ case_id, ...subject }) => [case_id, subject]));
  }
}

/** A case's person as the registry recorded them at opening (all null once erased). */
export interface CaseSubject {
  name: string | null;
  nik: string | null;
  birthDate: string | null;
  guardian: unknown;
  erased: boolean;
}

/** A key that should open and does not: configuration (a master key missing) or integrity, never an erasure. No personal data in its message. */
export class PersonalDataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataKeyError';
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
