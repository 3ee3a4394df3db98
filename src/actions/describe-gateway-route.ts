import type * as Ecs from '@aws-sdk/client-ecs';
import { toWireGatewayRoute } from '../domain/gateway-route.js';
import type { ActionContext } from './context.js';
import { securityGroupArnIn, securityGroupRuleArnIn } from './support/gateway-routes.js';
import { gatewayRouteNotFound } from './support/gateways.js';

/** The route with its load balancer, listener, rule and security groups. */
export function describeGatewayRoute(ctx: ActionContext, input: Ecs.DescribeGatewayRouteRequest): Ecs.DescribeGatewayRouteResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const route = state.gatewayRoutes?.[input.gatewayRouteArn!];
    if (!route) throw gatewayRouteNotFound();
    const alb = state.gateways[route.gatewayName]?.albs?.find((a) => a.loadBalancerArn === route.loadBalancerArn);
    return { gatewayRoute: toWireGatewayRoute(route, alb, securityGroupArnIn(scope), securityGroupRuleArnIn(scope)) };
  });
}
