import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { gatewayRouteNotFound } from './support/gateways.js';

/** No service connects to a gateway here, so no route exists. */
export function describeGatewayRoute(_ctx: ActionContext, _input: Ecs.DescribeGatewayRouteRequest): Ecs.DescribeGatewayRouteResponse {
  throw gatewayRouteNotFound();
}
