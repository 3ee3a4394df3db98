import { deleteRoute as remove, getRouteTable } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { updateNetwork } from '../support/region.js';
import { destinationOf, routeTableId } from '../support/route-params.js';

export const deleteRoute: Ec2Action = (ctx) => {
  const id = routeTableId(ctx);
  const destination = destinationOf(ctx);
  const vpcId = updateNetwork(ctx, (s) => {
    const table = getRouteTable(s, id);
    remove(table, destination);
    return table.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
