import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getInternetGateway } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

export const deleteInternetGateway: Ec2Action = (ctx) => {
  const gatewayId = requiredStr(ctx.params, 'InternetGatewayId');
  checkIdFormat([gatewayId], 'igw', 'InvalidInternetGatewayID.Malformed');
  updateNetwork(ctx, (s) => {
    const gateway = getInternetGateway(s, gatewayId);
    if (gateway.vpcId !== undefined)
      throw new Ec2Error('DependencyViolation', `The internetGateway '${gatewayId}' has dependencies and cannot be deleted.`);
    delete s.internetGateways![gatewayId];
  });
  return { return: true };
};
