import type * as Ecs from '@aws-sdk/client-ecs';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

/** Lets the cluster's services connect to the gateway (associating again is a no-op). */
export function associateGatewayWithCluster(
  ctx: ActionContext,
  input: Ecs.AssociateGatewayWithClusterRequest,
): Ecs.AssociateGatewayWithClusterResponse {
  const { scope, deps } = ctx;
  return deps.store.update(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    const cluster = resolveCluster(state, scope, input.cluster);
    g.clusters[cluster.clusterArn] = 'ACTIVE';
    return { gatewayArn: g.gatewayArn, clusterArn: cluster.clusterArn, status: 'ACTIVE' };
  });
}
