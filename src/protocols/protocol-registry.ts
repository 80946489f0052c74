import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from '../../workflows/contracts/protocol';
import { InvalidProtocolError, validateProtocol } from './validate-protocol';

const FILE_NAME = /^(default|\d{4})\.v(\d+)\.json$/;

/**
 * The protocol documents of a folder (`<id>.v<version>.json`), validated when loaded: an invalid
 * document stops the process with a message naming the file and every problem. New cases get the
 * latest version for their region, or the national default.
 */
export class ProtocolRegistry {
  private readonly latest = new Map<string, Protocol>();
  private readonly all = new Map<string, Protocol>();

  constructor(documents: Protocol[]) {
    for (const doc of documents) {
      this.all.set(`${doc.id}@${doc.version}`, doc);
      if ((this.latest.get(doc.id)?.version ?? 0) < doc.version) this.latest.set(doc.id, doc);
    }
    if (!this.latest.has('default')) throw new InvalidProtocolError('(registry)', ['no default protocol (default.v<N>.json) was found']);
  }

  static fromDirectory(dir: string): ProtocolRegistry {
    const docs = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const source = join(dir, name);
        const match = FILE_NAME.exec(name);
        if (match === null) throw new InvalidProtocolError(source, ['file name must be <id>.v<version>.json, e.g. 3514.v2.json']);
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(source, 'utf8'));
        } catch (error) {
          throw new InvalidProtocolError(source, [`not valid JSON: ${(error as Error).message}`]);
        }
        const doc = validateProtocol(parsed, source);
        if (doc.id !== match[1] || doc.version !== Number(match[2])) {
          throw new InvalidProtocolError(source, [`file name says ${match[1]} v${match[2]} but the document says ${doc.id} v${doc.version}`]);
        }
        return doc;
      });
    return new ProtocolRegistry(docs);
  }

  /** The protocol a new case in this kab/kota pins. */
  forRegion(regionCode: string): Protocol {
    return this.latest.get(regionCode) ?? (this.latest.get('default') as Protocol);
  }

  get(id: string, version: number): Protocol | undefined {
    return this.all.get(`${id}@${version}`);
  }

  /** Every version loaded, the older ones included (cases pinned to them are still around). */
  versions(): Protocol[] {
    return [...this.all.values()];
  }

  list(): Protocol[] {
    return [...this.latest.values()];
  }
}
