import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

/** No service connects to a gateway here, so no route exists; the filters are still checked. */
export function listGatewayRoutes(ctx: ActionContext, input: Ecs.ListGatewayRoutesRequest): Ecs.ListGatewayRoutesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    if (input.gateway !== undefined) findGateway(state, input.gateway);
    if (input.cluster !== undefined) resolveCluster(state, scope, input.cluster);
    const page = paginate([] as Ecs.GatewayRouteSummary[], () => '', input, { defaultSize: 100, max: 100 });
    return { gatewayRoutes: page.items, nextToken: page.nextToken };
  });
}
