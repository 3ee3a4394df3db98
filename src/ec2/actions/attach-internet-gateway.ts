import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getInternetGateway, internetGatewaysOf } from '../../domain/network/routing.js';
import { getVpc } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { updateNetwork } from '../support/region.js';
import { gatewayAndVpc } from '../support/route-params.js';

/** A gateway serves one VPC, and a VPC has at most one gateway. Subnets routed to it become public at once. */
export const attachInternetGateway: Ec2Action = (ctx) => {
  const { gatewayId, vpcId } = gatewayAndVpc(ctx);
  updateNetwork(ctx, (s) => {
    const gateway = getInternetGateway(s, gatewayId);
    getVpc(s, vpcId);
    if (gateway.vpcId !== undefined)
      throw new Ec2Error('Resource.AlreadyAssociated', `resource ${gatewayId} is already attached to network ${gateway.vpcId}`);
    const other = Object.values(internetGatewaysOf(s)).find((g) => g.vpcId === vpcId);
    if (other) throw new Ec2Error('InvalidParameterValue', `Network ${vpcId} already has an internet gateway attached`);
    gateway.vpcId = vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
