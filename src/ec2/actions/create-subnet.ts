import { availableIpAddressCount } from '../../domain/network/network-state.js';
import { createSubnet as create } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr, str } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';
import { subnetXml } from '../wire/subnet.js';

export const createSubnet: Ec2Action = (ctx) => {
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  const cidrBlock = requiredStr(ctx.params, 'CidrBlock');
  const tags = tagsFromSpecifications(ctx.params, 'subnet');
  const { subnet, available } = updateNetwork(ctx, (s) => {
    const created = create(
      s,
      ctx.scope,
      {
        subnetId: newEc2Id(ctx, 'subnet'),
        vpcId,
        cidrBlock,
        availabilityZone: str(ctx.params, 'AvailabilityZone'),
        availabilityZoneId: str(ctx.params, 'AvailabilityZoneId'),
        tags,
      },
      ctx.deps.clock.now(),
    );
    return { subnet: created, available: availableIpAddressCount(s, created) };
  });
  return { subnet: subnetXml(ctx.scope, subnet, available) };
};
