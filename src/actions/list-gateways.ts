import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';

export function listGateways(ctx: ActionContext, input: Ecs.ListGatewaysRequest): Ecs.ListGatewaysResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const all = Object.values(state.gateways)
      .filter((g) => (!input.names?.length || input.names.includes(g.name)) && (!input.status?.length || input.status.includes(g.status)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = paginate(all, (g) => g.name, input, { defaultSize: 100, max: 100 });
    return {
      gateways: page.items.map((g) => ({ gatewayArn: g.gatewayArn, name: g.name, status: g.status, createdAt: new Date(g.createdAt) })),
      nextToken: page.nextToken,
    };
  });
}
