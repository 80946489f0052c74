import { inflateSync } from 'node:zlib';

/** WinAnsi bytes that differ from Latin-1 and that Sinergi's documents print (dashes, ellipsis, quotes). */
const WIN_ANSI: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };

const decodeHex = (hex: string): string =>
  (hex.match(/[0-9a-fA-F]{2}/g) ?? []).map((b) => {
    const code = parseInt(b, 16);
    return WIN_ANSI[code] ?? String.fromCharCode(code);
  }).join('');

/** Text shown by one content stream: the hex strings of its TJ arrays and Tj operators, one line per operator. */
function shownText(content: string): string {
  const lines: string[] = [];
  for (const m of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    lines.push(m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decodeHex(h[1]!)).join('') : decodeHex(m[2]!));
  }
  return lines.join('\n');
}

/**
 * The text of each page of a PDF written with built-in fonts (as pdfkit writes them: hex strings in
 * TJ arrays, streams Flate-compressed or not), in page order — enough to check what a page says
 * without poppler. Not a general PDF reader: no object streams, no embedded-font encodings.
 */
export function pdfPages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(stream\r?\n)?/g)) {
    let stream: Buffer | null = null;
    if (m[3] !== undefined) {
      const start = m.index + m[0].length;
      const end = raw.indexOf('endstream', start);
      const bytes = pdf.subarray(start, end);
      stream = /\/FlateDecode/.test(m[2]!) ? inflateSync(bytes) : bytes;
    }
    objects.set(m[1]!, { dict: m[2]!, stream });
  }
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(root?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => k[1]!);
  return kids.map((id) => {
    const contents = /\/Contents\s*(\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
    const stream = contents === undefined ? null : (objects.get(contents)?.stream ?? null);
    return stream === null ? '' : shownText(stream.toString('latin1'));
  });
}
