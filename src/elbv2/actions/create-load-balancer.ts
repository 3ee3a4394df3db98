import { elbLoadBalancerArn } from '../../domain/arn.js';
import { canonicalHostedZoneId, LOAD_BALANCER_ATTRIBUTE_DEFAULTS, loadBalancerDnsName } from '../../domain/elbv2/defaults.js';
import type { LoadBalancerRecord } from '../../domain/elbv2/records.js';
import { defaultSecurityGroupOf } from '../../domain/network/vpc.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import {
  duplicateLoadBalancerName,
  invalidConfigurationRequest,
  invalidSecurityGroup,
  invalidSubnet,
  subnetNotFound,
  validationError,
} from '../errors.js';
import { tagsOf } from '../support/params.js';
import { dnsDigits, elbId, updateElb } from '../support/state.js';
import { loadBalancerXml } from '../wire/xml.js';

const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

export function checkLoadBalancerName(name: string): void {
  if (name.length > 32) throw validationError(`The load balancer name '${name}' cannot be longer than '32' characters`);
  if (!NAME.test(name))
    throw validationError(`The load balancer name '${name}' can only contain characters that are alphanumeric characters and hyphens(-)`);
  if (name.toLowerCase().startsWith('internal-')) throw validationError(`The load balancer name '${name}' cannot begin with 'internal-'`);
}

export const createLoadBalancer: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const name = q.requiredStr(p, 'Name');
  checkLoadBalancerName(name);
  const type = q.str(p, 'Type') ?? 'application';
  if (type !== 'application')
    throw validationError(`Load balancer type '${type}' is not supported here; only 'application' load balancers are emulated`);
  const scheme = q.str(p, 'Scheme') ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal')
    throw validationError(
      `1 validation error detected: Value '${scheme}' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internal, internet-facing]`,
    );
  const ipAddressType = q.str(p, 'IpAddressType') ?? 'ipv4';
  if (ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') throw validationError(`IP address type '${ipAddressType}' is not valid`);
  const subnetIds = [...q.strList(p, 'Subnets'), ...q.structList(p, 'SubnetMappings').map((m) => q.requiredStr(m, 'SubnetId'))];
  if (subnetIds.length === 0) throw validationError('At least one subnet must be specified');
  const groupIds = q.strList(p, 'SecurityGroups');
  const tags = tagsOf(p);

  const created = updateElb(ctx, (state) => {
    const missing = subnetIds.filter((id) => !state.subnets[id]);
    if (missing.length) throw subnetNotFound(missing);
    const subnets = subnetIds.map((id) => state.subnets[id]!);
    const vpcId = subnets[0]!.vpcId;
    if (subnets.some((s) => s.vpcId !== vpcId)) throw invalidSubnet('The subnets must all be in the same VPC');
    const zones = new Set(subnets.map((s) => s.availabilityZone));
    if (zones.size !== subnets.length)
      throw invalidConfigurationRequest('A load balancer cannot be attached to multiple subnets in the same Availability Zone');
    if (zones.size < 2) throw validationError('At least two subnets in two different Availability Zones must be specified');
    const badGroups = groupIds.filter((g) => state.securityGroups[g]?.vpcId !== vpcId);
    if (badGroups.length) throw invalidSecurityGroup(badGroups);
    const groups = groupIds.length
      ? groupIds
      : [defaultSecurityGroupOf(state.securityGroups, vpcId)?.groupId].filter((g): g is string => !!g);

    const existing = Object.values(state.loadBalancers).find((lb) => lb.loadBalancerName === name);
    if (existing) {
      // CreateLoadBalancer is idempotent: the same name with the same settings answers the existing one.
      const same =
        existing.scheme === scheme &&
        [...existing.availabilityZones.map((z) => z.subnetId)].sort().join() === [...subnetIds].sort().join() &&
        [...existing.securityGroups].sort().join() === [...groups].sort().join();
      if (!same) throw duplicateLoadBalancerName(name);
      return existing;
    }
    const arn = elbLoadBalancerArn(ctx.scope, name, elbId(ctx));
    const lb: LoadBalancerRecord = {
      loadBalancerArn: arn,
      loadBalancerName: name,
      dnsName: loadBalancerDnsName(name, scheme, ctx.scope.region, dnsDigits(ctx)),
      canonicalHostedZoneId: canonicalHostedZoneId(ctx.scope.region),
      createdAt: ctx.deps.clock.now(),
      scheme,
      vpcId,
      state: 'active',
      type: 'application',
      ipAddressType,
      availabilityZones: subnets.map((s) => ({ zoneName: s.availabilityZone, subnetId: s.subnetId })),
      securityGroups: groups,
      attributes: { ...LOAD_BALANCER_ATTRIBUTE_DEFAULTS },
    };
    state.loadBalancers[arn] = lb;
    if (tags.length) state.tags[arn] = tags;
    return lb;
  });
  return { LoadBalancers: members([loadBalancerXml(created)]) };
};
