import type * as Ecs from '@aws-sdk/client-ecs';
import { resourceNotFound } from '../domain/errors.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

/** Answers DISASSOCIATING; with no route to take down, the association is INACTIVE right after. */
export function disassociateGatewayFromCluster(
  ctx: ActionContext,
  input: Ecs.DisassociateGatewayFromClusterRequest,
): Ecs.DisassociateGatewayFromClusterResponse {
  const { scope, deps } = ctx;
  return deps.store.update(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    const cluster = resolveCluster(state, scope, input.cluster);
    if (g.clusters[cluster.clusterArn] !== 'ACTIVE') throw resourceNotFound('The gateway is not associated with the cluster.');
    g.clusters[cluster.clusterArn] = 'INACTIVE';
    return { gatewayArn: g.gatewayArn, clusterArn: cluster.clusterArn, status: 'DISASSOCIATING' };
  });
}
