import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getInternetGateway } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { updateNetwork } from '../support/region.js';
import { gatewayAndVpc } from '../support/route-params.js';

/** Routes to it stay (blackholed, as on AWS): subnets routed to it lose their way out at once. */
export const detachInternetGateway: Ec2Action = (ctx) => {
  const { gatewayId, vpcId } = gatewayAndVpc(ctx);
  updateNetwork(ctx, (s) => {
    const gateway = getInternetGateway(s, gatewayId);
    if (gateway.vpcId !== vpcId) throw new Ec2Error('Gateway.NotAttached', `resource ${gatewayId} is not attached to network ${vpcId}`);
    delete gateway.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
