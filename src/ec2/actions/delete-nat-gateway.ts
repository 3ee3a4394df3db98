import { getNatGateway } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** Deleted at once; it stays describable in state `deleted`, as on AWS, and gives its Elastic IP back. */
export const deleteNatGateway: Ec2Action = (ctx) => {
  const id = requiredStr(ctx.params, 'NatGatewayId');
  checkIdFormat([id], 'nat', 'InvalidNatGatewayID.Malformed');
  const vpcId = updateNetwork(ctx, (s) => {
    const nat = getNatGateway(s, id);
    nat.state = 'deleted';
    nat.deletedAt = ctx.deps.clock.now();
    const address = nat.allocationId === undefined ? undefined : s.addresses?.[nat.allocationId];
    if (address) {
      delete address.associationId;
      delete address.networkInterfaceId;
      delete address.privateIpAddress;
    }
    return nat.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { natGatewayId: id };
};
