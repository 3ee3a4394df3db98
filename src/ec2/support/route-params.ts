// What the routing actions share: CreateRoute's and ReplaceRoute's table, destination and one target; the gateway
// and VPC of AttachInternetGateway and DetachInternetGateway.
import { invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { checkRoute, getRouteTable, type RouteRecord, type RouteTableRecord } from '../../domain/network/routing.js';
import type { RegionState } from '../../store/schema.js';
import type { Ec2Context } from '../context.js';
import { requiredStr, str } from './query-params.js';
import { checkIdFormat } from './region.js';

/** Targets other than internet and NAT gateways (instances, peering, endpoints…) do not exist here. */
const UNSUPPORTED = [
  'EgressOnlyInternetGatewayId',
  'InstanceId',
  'NetworkInterfaceId',
  'VpcPeeringConnectionId',
  'TransitGatewayId',
  'LocalGatewayId',
  'CarrierGatewayId',
  'VpcEndpointId',
  'CoreNetworkArn',
];

export function routeTableId(ctx: Ec2Context): string {
  const id = requiredStr(ctx.params, 'RouteTableId');
  checkIdFormat([id], 'rtb', 'InvalidRouteTableID.Malformed');
  return id;
}

export function destinationOf(ctx: Ec2Context): string {
  if (str(ctx.params, 'DestinationIpv6CidrBlock') !== undefined || str(ctx.params, 'DestinationPrefixListId') !== undefined)
    throw invalidParameterValue('Only IPv4 destinations (DestinationCidrBlock) are supported here.');
  return requiredStr(ctx.params, 'DestinationCidrBlock');
}

export function routeFromParams(ctx: Ec2Context, s: RegionState): { table: RouteTableRecord; route: RouteRecord } {
  const unsupported = UNSUPPORTED.find((p) => str(ctx.params, p) !== undefined);
  if (unsupported) throw invalidParameterValue(`Routes to ${unsupported} targets are not supported here.`);
  const table = getRouteTable(s, routeTableId(ctx));
  const route = checkRoute(s, table, destinationOf(ctx), {
    gatewayId: str(ctx.params, 'GatewayId'),
    natGatewayId: str(ctx.params, 'NatGatewayId'),
  });
  return { table, route };
}

/** InternetGatewayId and VpcId, both required and well-formed. */
export function gatewayAndVpc(ctx: Ec2Context): { gatewayId: string; vpcId: string } {
  const gatewayId = requiredStr(ctx.params, 'InternetGatewayId');
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([gatewayId], 'igw', 'InvalidInternetGatewayID.Malformed');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  return { gatewayId, vpcId };
}
