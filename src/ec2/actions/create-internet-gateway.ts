import { internetGatewaysOf } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';

import { internetGatewayXml } from '../wire/routing.js';

export const createInternetGateway: Ec2Action = (ctx) => {
  const tags = tagsFromSpecifications(ctx.params, 'internet-gateway');
  const gateway = updateNetwork(ctx, (s) => {
    const g = { internetGatewayId: newEc2Id(ctx, 'igw'), tags };
    internetGatewaysOf(s)[g.internetGatewayId] = g;
    return g;
  });
  return { internetGateway: internetGatewayXml(ctx.scope, gateway) };
};
