import { createRoute as add, deleteRoute as remove } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { updateNetwork } from '../support/region.js';
import { routeFromParams } from '../support/route-params.js';

export const replaceRoute: Ec2Action = (ctx) => {
  const vpcId = updateNetwork(ctx, (s) => {
    const { table, route } = routeFromParams(ctx, s);
    remove(table, route.destinationCidrBlock);
    add(table, route);
    return table.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
