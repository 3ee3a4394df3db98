import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { applyInboundGroup } from './support/gateway-routes.js';
import { findGateway } from './support/gateways.js';

/**
 * Role, deletion protection, tag propagation and the ALB settings AWS lets change (inbound group, count, logs); a new
 * inbound group also goes onto the load balancer the gateway has already made.
 */
export function updateGateway(ctx: ActionContext, input: Ecs.UpdateGatewayRequest): Ecs.UpdateGatewayResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    if (input.infrastructureRoleArn !== undefined) g.infrastructureRoleArn = input.infrastructureRoleArn;
    if (input.deletionProtection !== undefined) {
      g.deletionProtection = input.deletionProtection;
      // The gateway propagates the setting to the load balancers it manages.
      for (const alb of g.albs ?? []) {
        const lb = state.loadBalancers[alb.loadBalancerArn];
        if (lb) lb.attributes['deletion_protection.enabled'] = String(input.deletionProtection);
      }
    }
    if (input.propagateTags !== undefined) g.propagateTags = input.propagateTags;
    const alb = (input.configuration as { hostSharedAlb?: Ecs.UpdateGatewayAlbConfiguration } | undefined)?.hostSharedAlb;
    if (alb) {
      const { networkConfiguration, httpDesync: _h, testTrafficRules: _t, ...rest } = alb;
      g.hostSharedAlb = JSON.parse(
        JSON.stringify({
          ...g.hostSharedAlb,
          ...rest,
          ...(networkConfiguration ? { networkConfiguration: { ...g.hostSharedAlb.networkConfiguration, ...networkConfiguration } } : {}),
        }),
      ) as Ecs.DescribeGatewayAlbConfiguration;
      if (networkConfiguration?.inboundSecurityGroup) applyInboundGroup(state, g);
    }
    g.status = 'UPDATE_COMPLETE';
    g.updatedAt = now;
    return { gatewayArn: g.gatewayArn, name: g.name, status: g.status };
  });
}
