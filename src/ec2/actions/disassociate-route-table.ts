import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { findAssociation } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** The subnet falls back to its VPC's main table. The main association itself cannot be removed. */
export const disassociateRouteTable: Ec2Action = (ctx) => {
  const associationId = requiredStr(ctx.params, 'AssociationId');
  checkIdFormat([associationId], 'rtbassoc', 'InvalidAssociationID.Malformed');
  const vpcId = updateNetwork(ctx, (s) => {
    const { table, association } = findAssociation(s, associationId);
    if (association.main)
      throw new Ec2Error('InvalidParameterValue', `cannot disassociate the main route table association ${associationId}`);
    table.associations = table.associations.filter((a) => a !== association);
    return table.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
