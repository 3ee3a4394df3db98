import type * as Ecs from '@aws-sdk/client-ecs';
import { toWireGateway } from '../domain/gateway.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

export function describeGateway(ctx: ActionContext, input: Ecs.DescribeGatewayRequest): Ecs.DescribeGatewayResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    return { gateway: toWireGateway(g, state.tags[g.gatewayArn] ?? []) };
  });
}
