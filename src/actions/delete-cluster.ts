import type * as Ecs from '@aws-sdk/client-ecs';
import { clusterDeletionBlocker, resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { CHANGED_CLUSTER_VIEW, toWireCluster } from './wire/cluster.js';

/**
 * Deletes a cluster: refused while it has active services or unstopped tasks. The cluster becomes INACTIVE and stays
 * describable (and listed); its tags are deleted with it. CreateCluster of the name later makes a fresh cluster.
 */
export function deleteCluster(ctx: ActionContext, input: Ecs.DeleteClusterRequest): Ecs.DeleteClusterResponse {
  const { scope, deps } = ctx;
  const name = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const blocker = clusterDeletionBlocker(state, cluster.clusterName);
    if (blocker) throw blocker;
    cluster.status = 'INACTIVE';
    delete state.tags[cluster.clusterArn];
    return cluster.clusterName;
  });
  return { cluster: deps.store.read(scope, (state) => toWireCluster(state.clusters[name]!, state, { include: CHANGED_CLUSTER_VIEW })) };
}
