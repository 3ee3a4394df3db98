import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

/** The load balancers behind the gateway: none until a service connects to it (not emulated yet). */
export function describeGatewayResources(
  ctx: ActionContext,
  input: Ecs.DescribeGatewayResourcesRequest,
): Ecs.DescribeGatewayResourcesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    const page = paginate([] as Ecs.ElbGatewayResources[], () => '', input, { defaultSize: 100, max: 100 });
    return { gatewayResources: { gatewayArn: g.gatewayArn, resources: { hostSharedAlb: page.items } }, nextToken: page.nextToken };
  });
}
