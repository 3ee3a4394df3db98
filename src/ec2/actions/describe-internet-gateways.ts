import { internetGatewayNotFound, type InternetGatewayRecord } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { internetGatewayXml } from '../wire/routing.js';

export const describeInternetGateways: Ec2Action = (ctx) => {
  const all = readNetwork(ctx, (s) => Object.values(s.internetGateways ?? {}));
  const page = describeItems<InternetGatewayRecord>(ctx, all, {
    idParam: 'InternetGatewayId',
    prefix: 'igw',
    malformed: 'InvalidInternetGatewayID.Malformed',
    idOf: (g) => g.internetGatewayId,
    notFound: internetGatewayNotFound,
    fields: {
      'internet-gateway-id': (g) => g.internetGatewayId,
      'attachment.vpc-id': (g) => g.vpcId,
      'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
      'owner-id': () => ctx.scope.accountId,
    },
    tags: (g) => g.tags,
    bounds: { min: 5, max: 1000 },
  });
  return { internetGatewaySet: set(page.items.map((g) => internetGatewayXml(ctx.scope, g))), nextToken: page.nextToken };
};
