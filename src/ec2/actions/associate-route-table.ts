import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getRouteTable, routeTablesOf } from '../../domain/network/routing.js';
import { getSubnet } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr, str } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';

/** Subnets only (gateway associations are not modelled); a subnet has at most one explicit association. */
export const associateRouteTable: Ec2Action = (ctx) => {
  const id = requiredStr(ctx.params, 'RouteTableId');
  checkIdFormat([id], 'rtb', 'InvalidRouteTableID.Malformed');
  if (str(ctx.params, 'GatewayId') !== undefined)
    throw new Ec2Error('InvalidParameterValue', 'Gateway route table associations are not supported here.');
  const subnetId = requiredStr(ctx.params, 'SubnetId');
  checkIdFormat([subnetId], 'subnet', 'InvalidSubnetID.Malformed');
  const associationId = updateNetwork(ctx, (s) => {
    const table = getRouteTable(s, id);
    const subnet = getSubnet(s, subnetId);
    if (subnet.vpcId !== table.vpcId)
      throw new Ec2Error('InvalidParameterValue', `Route table ${id} and subnet ${subnetId} belong to different networks`);
    const existing = Object.values(routeTablesOf(s)).find((t) => t.associations.some((a) => a.subnetId === subnetId));
    if (existing)
      throw new Ec2Error(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${existing.routeTableId} conflicts with an existing association`,
      );
    const association = { associationId: newEc2Id(ctx, 'rtbassoc'), main: false, subnetId };
    table.associations.push(association);
    return { associationId: association.associationId, vpcId: table.vpcId };
  });
  ctx.deps.tasks.networkChanged(ctx.scope, associationId.vpcId);
  return { associationId: associationId.associationId, associationState: { state: 'associated' } };
};
