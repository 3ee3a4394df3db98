// The region's network as EC2 actions see it: the default VPC is laid out the first time anything asks, so every
// account and region starts like a new AWS account.
import { malformedId } from '../../domain/network/ec2-errors.js';
import { ensureDefaultVpc, ensureRouting, routingIncomplete } from '../../domain/network/network-state.js';
import type { RegionState } from '../../store/schema.js';
import type { Ec2Context } from '../context.js';

export function readNetwork<T>(ctx: Ec2Context, fn: (state: Readonly<RegionState>) => T): T {
  const { deps, scope } = ctx;
  if (!deps.store.read(scope, (s) => s.defaultVpcCreated && !routingIncomplete(s)))
    deps.store.update(scope, (s) => {
      ensureDefaultVpc(s, scope, deps.clock.now(), deps.config.defaultVpcCidr);
      ensureRouting(s);
    });
  return deps.store.read(scope, fn);
}

export function updateNetwork<T>(ctx: Ec2Context, fn: (state: RegionState) => T): T {
  const { deps, scope } = ctx;
  return deps.store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, deps.clock.now(), deps.config.defaultVpcCidr);
    ensureRouting(s);
    return fn(s);
  });
}

/** Refuses ids without their resource prefix, as EC2 does (`InvalidVpcID.Malformed: Invalid id: "x" (expecting "vpc-...")`). */
export function checkIdFormat(ids: readonly string[], prefix: string, code: string): void {
  const bad = ids.find((id) => !new RegExp(`^${prefix}-[0-9a-f]+$`).test(id));
  if (bad !== undefined) throw malformedId(code, bad, prefix);
}

/** A fresh EC2 id: `<prefix>-` and 17 hex digits. */
export const newEc2Id = (ctx: Ec2Context, prefix: string) => `${prefix}-${ctx.deps.ids.hex32().slice(0, 17)}`;
