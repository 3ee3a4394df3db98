import { routeTablesOf } from '../../domain/network/routing.js';
import { getVpc } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';
import { routeTableXml } from '../wire/routing.js';

/** A new table has the VPC's `local` route only and no associations. */
export const createRouteTable: Ec2Action = (ctx) => {
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  const tags = tagsFromSpecifications(ctx.params, 'route-table');
  const table = updateNetwork(ctx, (s) => {
    const vpc = getVpc(s, vpcId);
    const t = {
      routeTableId: newEc2Id(ctx, 'rtb'),
      vpcId,
      routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' as const }],
      associations: [],
      tags,
    };
    routeTablesOf(s)[t.routeTableId] = t;
    return t;
  });
  return { routeTable: routeTableXml(ctx.scope, table) };
};
