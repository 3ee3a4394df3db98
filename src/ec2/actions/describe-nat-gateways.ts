import { natGatewayNotFound, type NatGatewayRecord } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { natGatewayXml } from '../wire/routing.js';

export const describeNatGateways: Ec2Action = (ctx) => {
  const all = readNetwork(ctx, (s) => Object.values(s.natGateways ?? {}));
  const page = describeItems<NatGatewayRecord>(ctx, all, {
    idParam: 'NatGatewayId',
    prefix: 'nat',
    malformed: 'InvalidNatGatewayID.Malformed',
    idOf: (n) => n.natGatewayId,
    notFound: natGatewayNotFound,
    fields: {
      'nat-gateway-id': (n) => n.natGatewayId,
      state: (n) => n.state,
      'subnet-id': (n) => n.subnetId,
      'vpc-id': (n) => n.vpcId,
    },
    tags: (n) => n.tags,
    bounds: { min: 5, max: 1000 },
  });
  // EC2's parameter for filters here is `Filter` too (the SDK sends Filter.N); ids are NatGatewayId.N.
  return { natGatewaySet: set(page.items.map(natGatewayXml)), nextToken: page.nextToken };
};
