import type { PayloadKeyProvider } from './payload-codec';

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const KEY_BYTES = 32;

/**
 * Development and test key (id `dev-1`): the same on every machine, so a dev server's history stays
 * readable across restarts. Production refuses to start with it or without keys (src/config/app-config.ts).
 */
export const DEVELOPMENT_PAYLOAD_KEYS = 'dev-1:c2luZXJnaS1kZXZlbG9wbWVudC1wYXlsb2FkLWtleSE=';
/** Development and test master key of the personal-data keys (id `dev-m1`); production refuses it too. */
export const DEVELOPMENT_DATA_MASTER_KEYS = `dev-m1:${Buffer.from('sinergi-development-master-key!!').toString('base64')}`;

/** Problems of a keyring text `id:base64key[,id:base64key…]` and its active id; empty when usable. */
export function keyringProblems(spec: string, active: string | undefined): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entry of spec.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const [id = '', material = '', ...rest] = entry.split(':');
    if (!KEY_ID.test(id) || rest.length > 0) problems.push(`an entry is not <id>:<base64 key> with an id of ${KEY_ID.source}`);
    else if (ids.has(id)) problems.push(`key id ${id} appears twice`);
    else if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material) || Buffer.from(material, 'base64').length !== KEY_BYTES) problems.push(`key ${id} must be ${KEY_BYTES} bytes in base64`);
    ids.add(id);
  }
  if (ids.size === 0) problems.push('holds no key');
  if (active !== undefined && !ids.has(active)) problems.push(`the active key ${active} is not in the keyring`);
  return problems;
}

/**
 * Keys from configuration (`SINERGI_PAYLOAD_KEYS`): `id:base64` entries; the active one is
 * `SINERGI_PAYLOAD_KEY_ACTIVE`, else the first listed. Rotation: list the new key first (or name it
 * active) and keep the old ones while histories encrypted under them are retained.
 */
export class EnvKeyring implements PayloadKeyProvider {
  readonly activeKeyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(spec: string, active?: string, label = 'payload keyring') {
    const problems = keyringProblems(spec, active);
    if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`);
    const entries = spec.split(',').map((e) => e.trim()).filter((e) => e !== '').map((e) => e.split(':') as [string, string]);
    this.keys = new Map(entries.map(([id, material]) => [id, Buffer.from(material, 'base64')]));
    this.activeKeyId = active ?? (entries[0] as [string, string])[0];
  }

  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }
}
