// The region's ELBv2 state as the actions see it, with the default VPC laid out first (load balancers and target
// groups live in the emulator's VPCs), and the lookups every action shares.
import { ensureDefaultVpc } from '../../domain/network/network-state.js';
import type { AwsQueryContext } from '../../protocol/aws-query.js';
import type { RegionState } from '../../store/schema.js';

export function readElb<T>(ctx: AwsQueryContext, fn: (state: Readonly<RegionState>) => T): T {
  const { deps, scope } = ctx;
  if (!deps.store.read(scope, (s) => s.defaultVpcCreated))
    deps.store.update(scope, (s) => ensureDefaultVpc(s, scope, deps.clock.now(), deps.config.defaultVpcCidr));
  return deps.store.read(scope, fn);
}

export function updateElb<T>(ctx: AwsQueryContext, fn: (state: RegionState) => T): T {
  const { deps, scope } = ctx;
  return deps.store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, deps.clock.now(), deps.config.defaultVpcCidr);
    return fn(s);
  });
}

/** 16 hex digits, as ELBv2 ids in ARNs are. */
export const elbId = (ctx: AwsQueryContext) => ctx.deps.ids.hex32().slice(0, 16);

/** Ten digits for a DNS name. */
export const dnsDigits = (ctx: AwsQueryContext) =>
  (BigInt(`0x${ctx.deps.ids.hex32().slice(0, 15)}`) % 10_000_000_000n).toString().padStart(10, '0');
