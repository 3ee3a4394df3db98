import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { findAssociation, getRouteTable } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';

/** Moves an association (a subnet's, or the VPC's main one) to another table of the same VPC; it gets a new id. */
export const replaceRouteTableAssociation: Ec2Action = (ctx) => {
  const associationId = requiredStr(ctx.params, 'AssociationId');
  const id = requiredStr(ctx.params, 'RouteTableId');
  checkIdFormat([associationId], 'rtbassoc', 'InvalidAssociationID.Malformed');
  checkIdFormat([id], 'rtb', 'InvalidRouteTableID.Malformed');
  const result = updateNetwork(ctx, (s) => {
    const { table, association } = findAssociation(s, associationId);
    const target = getRouteTable(s, id);
    if (target.vpcId !== table.vpcId)
      throw new Ec2Error('InvalidParameterValue', `Route table ${id} and association ${associationId} belong to different networks`);
    table.associations = table.associations.filter((a) => a !== association);
    const moved = { ...association, associationId: newEc2Id(ctx, 'rtbassoc') };
    target.associations.push(moved);
    return { newAssociationId: moved.associationId, vpcId: table.vpcId };
  });
  ctx.deps.tasks.networkChanged(ctx.scope, result.vpcId);
  return { newAssociationId: result.newAssociationId, associationState: { state: 'associated' } };
};
