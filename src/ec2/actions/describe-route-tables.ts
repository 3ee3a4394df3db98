import { routeTableNotFound, type RouteTableRecord } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { routeTableXml } from '../wire/routing.js';

const some = <T>(t: RouteTableRecord, f: (a: RouteTableRecord['associations'][number]) => T) => t.associations.map(f);

export const describeRouteTables: Ec2Action = (ctx) => {
  const all = readNetwork(ctx, (s) => Object.values(s.routeTables ?? {}));
  const page = describeItems<RouteTableRecord>(ctx, all, {
    idParam: 'RouteTableId',
    prefix: 'rtb',
    malformed: 'InvalidRouteTableID.Malformed',
    idOf: (t) => t.routeTableId,
    notFound: routeTableNotFound,
    fields: {
      'route-table-id': (t) => t.routeTableId,
      'vpc-id': (t) => t.vpcId,
      'owner-id': () => ctx.scope.accountId,
      'association.main': (t) => some(t, (a) => a.main),
      'association.route-table-association-id': (t) => some(t, (a) => a.associationId),
      'association.route-table-id': (t) => some(t, () => t.routeTableId),
      'association.subnet-id': (t) => some(t, (a) => a.subnetId),
      'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
      'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
      'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
      'route.origin': (t) => t.routes.map((r) => r.origin),
      'route.state': () => 'active',
    },
    tags: (t) => t.tags,
    bounds: { min: 5, max: 100 },
  });
  return { routeTableSet: set(page.items.map((t) => routeTableXml(ctx.scope, t))), nextToken: page.nextToken };
};
