import { invalidParameterCombination } from '../../domain/network/ec2-errors.js';
import { getSubnet } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { bool, requiredStr, struct } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/**
 * MapPublicIpOnLaunch only (the other attributes have no meaning here). It also decides whether the subnet counts
 * as public, so running tasks with a public IP gain or lose their way out at once.
 */
export const modifySubnetAttribute: Ec2Action = (ctx) => {
  const subnetId = requiredStr(ctx.params, 'SubnetId');
  checkIdFormat([subnetId], 'subnet', 'InvalidSubnetID.Malformed');
  const mapPublic = struct(ctx.params, 'MapPublicIpOnLaunch');
  const value = mapPublic ? bool(mapPublic, 'Value') : undefined;
  if (value === undefined)
    throw invalidParameterCombination(
      'Exactly one attribute must be specified, and the only attribute supported here is MapPublicIpOnLaunch.',
    );
  const vpcId = updateNetwork(ctx, (s) => {
    const subnet = getSubnet(s, subnetId);
    subnet.mapPublicIpOnLaunch = value;
    return subnet.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
