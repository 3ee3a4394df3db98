import { registerTarget } from '../../domain/elbv2/targets.js';
import { cidrHasIp, parseCidr } from '../../domain/network/cidr.js';
import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import type { QueryParams } from '../../protocol/query-params.js';
import type { RegionState } from '../../store/schema.js';
import { invalidTarget, validationError } from '../errors.js';
import { targetGroup } from '../support/lookup.js';
import { updateElb } from '../support/state.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export interface TargetInput {
  id: string;
  port?: number;
  availabilityZone?: string;
}

export function targetsOf(p: QueryParams): TargetInput[] {
  const list = q.structList(p, 'Targets');
  if (list.length === 0)
    throw validationError("1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
  return list.map((t) => {
    const port = q.int(t, 'Port');
    if (port !== undefined && (port < 1 || port > 65535)) throw validationError(`Port '${port}' must be between 1 and 65535`);
    const availabilityZone = q.str(t, 'AvailabilityZone');
    return { id: q.requiredStr(t, 'Id'), ...(port !== undefined ? { port } : {}), ...(availabilityZone ? { availabilityZone } : {}) };
  });
}

/** The subnet of the target group's VPC holding the IP (its zone is the target's). */
function subnetHolding(state: Readonly<RegionState>, vpcId: string, ip: string) {
  return Object.values(state.subnets).find((s) => {
    const cidr = s.vpcId === vpcId ? parseCidr(s.cidrBlock) : null;
    return cidr !== null && cidrHasIp(cidr, ip);
  });
}

export const registerTargets: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  const targets = targetsOf(ctx.params);
  updateElb(ctx, (s) => {
    const tg = targetGroup(s, arn);
    for (const t of targets) {
      if (!IPV4.test(t.id)) throw invalidTarget(`The IP address '${t.id}' is not a valid IPv4 address`);
      const subnet = subnetHolding(s, tg.vpcId, t.id);
      if (!subnet && t.availabilityZone !== 'all')
        throw invalidTarget(`The IP address '${t.id}' is not within a subnet of the target group's VPC '${tg.vpcId}'`);
      registerTarget(
        tg,
        { id: t.id, port: t.port ?? tg.port, availabilityZone: t.availabilityZone ?? subnet?.availabilityZone },
        ctx.deps.clock.now(),
      );
    }
  });
  return {};
};
