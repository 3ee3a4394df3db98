import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getRouteTable } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** A table with associations (the main table has one) cannot be deleted. */
export const deleteRouteTable: Ec2Action = (ctx) => {
  const id = requiredStr(ctx.params, 'RouteTableId');
  checkIdFormat([id], 'rtb', 'InvalidRouteTableID.Malformed');
  updateNetwork(ctx, (s) => {
    const table = getRouteTable(s, id);
    if (table.associations.length > 0)
      throw new Ec2Error('DependencyViolation', `The routeTable '${id}' has dependencies and cannot be deleted.`);
    delete s.routeTables![id];
  });
  return { return: true };
};
