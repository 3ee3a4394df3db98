import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getInternetGateway } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** Routes to it stay (blackholed, as on AWS): subnets routed to it lose their way out at once. */
export const detachInternetGateway: Ec2Action = (ctx) => {
  const gatewayId = requiredStr(ctx.params, 'InternetGatewayId');
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([gatewayId], 'igw', 'InvalidInternetGatewayID.Malformed');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  updateNetwork(ctx, (s) => {
    const gateway = getInternetGateway(s, gatewayId);
    if (gateway.vpcId !== vpcId) throw new Ec2Error('Gateway.NotAttached', `resource ${gatewayId} is not attached to network ${vpcId}`);
    delete gateway.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
