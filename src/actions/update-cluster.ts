import type * as Ecs from '@aws-sdk/client-ecs';
import { mergeClusterSettings, mergeConfiguration, serviceConnectNamespaceArn, validateClusterSettings } from '../domain/cluster.js';
import { newOperationId } from '../domain/cloudmap/ids.js';
import { ensureServiceConnectNamespace } from '../domain/cloudmap/service-connect.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { CHANGED_CLUSTER_VIEW, toWireCluster } from './wire/cluster.js';

/**
 * Changes a cluster's settings, configuration and Service Connect default namespace. Settings are merged by name;
 * each configuration part given replaces the stored one; an empty namespace removes the Service Connect default.
 */
export function updateCluster(ctx: ActionContext, input: Ecs.UpdateClusterRequest): Ecs.UpdateClusterResponse {
  const { scope, deps } = ctx;
  const settings = input.settings && validateClusterSettings(input.settings);
  const connect = input.serviceConnectDefaults;
  const namespace = connect && serviceConnectNamespaceArn(scope, connect.namespace);
  const name = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    if (settings) cluster.settings = mergeClusterSettings(cluster.settings, settings);
    if (input.configuration) {
      cluster.configuration = mergeConfiguration(cluster.configuration, input.configuration as Record<string, unknown>);
    }
    if (connect) {
      if (namespace) {
        const arn = ensureServiceConnectNamespace(state, connect.namespace!, namespace, newOperationId(deps.ids), deps.clock.now());
        cluster.serviceConnectDefaults = { namespace: arn };
      } else delete cluster.serviceConnectDefaults;
    }
    return cluster.clusterName;
  });
  return { cluster: deps.store.read(scope, (state) => toWireCluster(state.clusters[name]!, state, { include: CHANGED_CLUSTER_VIEW })) };
}
