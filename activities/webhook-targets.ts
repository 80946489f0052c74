import { lookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where agency webhooks may point. `public-https`: https only, to public addresses (production: the
 * worker must not become a way into the deployment's own network); `any`: anything, for tests and demos
 * with local receivers.
 */
export const WEBHOOK_TARGETS = ['public-https', 'any'] as const;
export type WebhookTargets = (typeof WEBHOOK_TARGETS)[number];

/** Addresses that are not the public internet: unspecified, loopback, private, CGNAT, link-local, unique-local, multicast, reserved, documentation. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad allowed). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad !== null) {
    const [a = 0, b = 0, c = 0, d = 0] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const part = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const [head, tail] = text.split('::');
  const missing = tail === undefined ? 0 : 8 - part(head).length - part(tail).length;
  return [...part(head), ...Array<number>(missing).fill(0), ...part(tail)];
}

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries, which is where it leads. */
function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  const quad = (hi = 0, lo = 0) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return quad(g[6], g[7]);
  if (g[0] === 0x2002) return quad(g[1], g[2]);
  return null;
}

/** Whether an IP address (v4 or v6, IPv4-mapped included) is a public internet address. */
export function isPublicAddress(ip: string): boolean {
  const address = ip.split('%')[0] ?? ''; // an IPv6 zone (fe80::1%eth0) names an interface, not a network
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  const embedded = embeddedIPv4(address);
  if (embedded !== null) return isPublicAddress(embedded);
  // BlockList matches IPv4-mapped addresses (::ffff:a.b.c.d) against the IPv4 rules.
  return !NON_PUBLIC.check(address, 'ipv6');
}

/** Names that lead into the local machine or network whatever DNS says: single labels (compose service names), localhost, mDNS and private-use domains. */
const LOCAL_NAME = /(^[^.]+$)|(^|\.)(localhost|localdomain|local|internal|intranet|lan|home\.arpa)$/;

/**
 * Why a webhook URL is refused under `targets`, or null. Checked when an admin sets it; the address
 * its host resolves to is checked again at every delivery (`publicOnlyLookup`).
 */
export function webhookUrlProblem(url: string, targets: WebhookTargets): string | null {
  if (targets === 'any') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhookUrl must be a URL';
  }
  if (parsed.protocol !== 'https:') return 'webhookUrl must use https';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (isIP(host) !== 0) return isPublicAddress(host) ? null : 'webhookUrl must point to a public address (not a private, loopback, link-local or reserved one)';
  return LOCAL_NAME.test(host) ? 'webhookUrl must name a public host (not localhost, a single-label or a local-network name)' : null;
}

/** Thrown (and recorded as the attempt's error) when a webhook's host is or resolves to a non-public address. */
export class WebhookTargetRefused extends Error {
  constructor(reason: string) {
    super(`target refused: ${reason}`);
    this.name = 'WebhookTargetRefused';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http(s).request` that resolves the host and refuses unless every address is public.
 * The connection goes to the address checked here, so a DNS answer that changes between a check and
 * the connection (rebinding to an internal address) cannot slip through.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const first = addresses[0];
    if (first === undefined || addresses.some((a) => !isPublicAddress(a.address))) {
      return callback(new WebhookTargetRefused('the webhook host resolves to a non-public address'), '');
    }
    return options.all ? callback(null, addresses) : callback(null, first.address, first.family);
  });
}
