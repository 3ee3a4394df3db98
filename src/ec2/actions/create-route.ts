import { createRoute as add } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { updateNetwork } from '../support/region.js';
import { routeFromParams } from '../support/route-params.js';

export const createRoute: Ec2Action = (ctx) => {
  const vpcId = updateNetwork(ctx, (s) => {
    const { table, route } = routeFromParams(ctx, s);
    add(table, route);
    return table.vpcId;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
