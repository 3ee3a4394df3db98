// Emulated public IPv4 addresses for ENIs of tasks launched with assignPublicIp ENABLED. They come from the
// documentation ranges TEST-NET-2 and TEST-NET-3 (RFC 5737), which are never routed: they show up in
// DescribeNetworkInterfaces as AWS shows a task's public IP, and nobody can mistake them for a real host.
import { intToIp, parseCidr } from './cidr.js';

const POOLS = ['198.51.100.0/24', '203.0.113.0/24'].map((c) => parseCidr(c)!);

/** The lowest pool address not in use (network and broadcast addresses skipped), or undefined when all are. */
export function allocatePublicIp(inUse: ReadonlySet<string>): string | undefined {
  for (const pool of POOLS) {
    for (let n = pool.network + 1; n < pool.network + pool.size - 1; n++) {
      const ip = intToIp(n);
      if (!inUse.has(ip)) return ip;
    }
  }
  return undefined;
}
