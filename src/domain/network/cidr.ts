// IPv4 CIDR arithmetic (parsing by ipaddr.js).
import ipaddr from 'ipaddr.js';

export interface Cidr {
  /** The block as written, normalised (e.g. 10.0.1.0/24). */
  text: string;
  /** First address (network), as an unsigned 32-bit number. */
  network: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
}

export function ipToInt(ip: string): number {
  return ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((n, b) => n * 256 + b, 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n`; returns null when it is not a valid IPv4 CIDR block. */
export function parseCidr(text: string): Cidr | null {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return null;
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== 'ipv4' || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text)) return null;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipToInt(addr.toString()) / size) * size;
  return { text: `${intToIp(network)}/${prefix}`, network, prefix, size };
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** Whether two blocks written as text share an address (false when either is not an IPv4 block, e.g. IPv6). */
export function blocksOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return !!x && !!y && cidrsOverlap(x, y);
}

export function cidrHasIp(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n >= cidr.network && n < cidr.network + cidr.size;
}

/** The VPC router's address: the block's first usable address (x.x.x.1). */
export const gatewayOf = (cidr: Cidr) => intToIp(cidr.network + 1);
