import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { routesOf } from './support/gateway-routes.js';
import { findGateway } from './support/gateways.js';

/** The load balancers the gateway created for its routes (none until a service connects), with their routes. */
export function describeGatewayResources(
  ctx: ActionContext,
  input: Ecs.DescribeGatewayResourcesRequest,
): Ecs.DescribeGatewayResourcesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    const albs: Ecs.ElbGatewayResources[] = (g.albs ?? []).map((alb) => ({
      loadBalancerArn: alb.loadBalancerArn,
      listenerArn: alb.listenerArn,
      securityGroup: alb.securityGroupId,
      gatewayRouteArns: routesOf(state, (r) => r.loadBalancerArn === alb.loadBalancerArn)
        .map((r) => r.gatewayRouteArn)
        .sort(),
    }));
    const page = paginate(albs, (a) => a.loadBalancerArn!, input, { defaultSize: 10, max: 20 });
    return { gatewayResources: { gatewayArn: g.gatewayArn, resources: { hostSharedAlb: page.items } }, nextToken: page.nextToken };
  });
}
