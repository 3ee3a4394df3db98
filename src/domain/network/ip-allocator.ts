// AWS-style IP address management inside a subnet: the first four addresses (network, VPC router, DNS,
// reserved) and the last (broadcast) belong to AWS, so a /28 holds 11 addresses for ENIs.
import { intToIp, ipToInt, type Cidr } from './cidr.js';

export const RESERVED_AT_START = 4;
export const RESERVED_AT_END = 1;

export function usableAddressCount(cidr: Cidr): number {
  return Math.max(0, cidr.size - RESERVED_AT_START - RESERVED_AT_END);
}

/** The lowest free usable address, or null when the subnet is full. */
export function allocateIp(cidr: Cidr, inUse: ReadonlySet<string>): string | null {
  const first = cidr.network + RESERVED_AT_START;
  const last = cidr.network + cidr.size - 1 - RESERVED_AT_END;
  for (let n = first; n <= last; n++) {
    const ip = intToIp(n);
    if (!inUse.has(ip)) return ip;
  }
  return null;
}

/** The highest free usable address (where spare sandboxes go, out of the way of launches), or null. */
export function allocateIpFromTop(cidr: Cidr, inUse: ReadonlySet<string>): string | null {
  const first = cidr.network + RESERVED_AT_START;
  const last = cidr.network + cidr.size - 1 - RESERVED_AT_END;
  for (let n = last; n >= first; n--) {
    const ip = intToIp(n);
    if (!inUse.has(ip)) return ip;
  }
  return null;
}

export function isUsableAddress(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n >= cidr.network + RESERVED_AT_START && n <= cidr.network + cidr.size - 1 - RESERVED_AT_END;
}
