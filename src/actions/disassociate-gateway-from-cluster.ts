import type * as Ecs from '@aws-sdk/client-ecs';
import { resourceNotFound } from '../domain/errors.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { removeRoutes, routesOfCluster } from './support/gateway-routes.js';
import { findGateway } from './support/gateways.js';

/**
 * Answers DISASSOCIATING; the routes of the cluster's services on the gateway are removed in the same call (and the
 * gateway's load balancer with its last route), so the association is INACTIVE right after.
 */
export async function disassociateGatewayFromCluster(
  ctx: ActionContext,
  input: Ecs.DisassociateGatewayFromClusterRequest,
): Promise<Ecs.DisassociateGatewayFromClusterResponse> {
  const { scope, deps } = ctx;
  const answer = deps.store.update(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    const cluster = resolveCluster(state, scope, input.cluster);
    if (g.clusters[cluster.clusterArn] !== 'ACTIVE') throw resourceNotFound('The gateway is not associated with the cluster.');
    g.clusters[cluster.clusterArn] = 'INACTIVE';
    removeRoutes(state, routesOfCluster(state, g.gatewayArn, cluster.clusterArn));
    return { gatewayArn: g.gatewayArn, clusterArn: cluster.clusterArn, status: 'DISASSOCIATING' as const };
  });
  // The load balancers' data plane drops the removed rules and listener before the answer.
  await deps.loadBalancing?.changed(scope);
  return answer;
}
