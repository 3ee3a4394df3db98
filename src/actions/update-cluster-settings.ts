import type * as Ecs from '@aws-sdk/client-ecs';
import { mergeClusterSettings, validateClusterSettings } from '../domain/cluster.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { CHANGED_CLUSTER_VIEW, toWireCluster } from './wire/cluster.js';

/** Changes a cluster's settings (containerInsights), merged by name. */
export function updateClusterSettings(ctx: ActionContext, input: Ecs.UpdateClusterSettingsRequest): Ecs.UpdateClusterSettingsResponse {
  const { scope, deps } = ctx;
  const settings = validateClusterSettings(input.settings ?? []);
  const name = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    cluster.settings = mergeClusterSettings(cluster.settings, settings);
    return cluster.clusterName;
  });
  return { cluster: deps.store.read(scope, (state) => toWireCluster(state.clusters[name]!, state, { include: CHANGED_CLUSTER_VIEW })) };
}
