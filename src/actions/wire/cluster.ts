// ClusterRecord → the wire Cluster.
//
// What AWS returns (aws-cli examples for describe-clusters, update-cluster, put-cluster-capacity-providers):
// - always: ARN, name, status, the four counts, capacityProviders, defaultCapacityProviderStrategy, and
//   serviceConnectDefaults when set; `statistics`, `tags` and `settings` are always present, but empty unless
//   DescribeClusters' `include` asks for STATISTICS, TAGS or SETTINGS;
// - `configuration` only with CONFIGURATIONS; `attachments` (+ `attachmentsStatus`) only with ATTACHMENTS.
// Operations that change a cluster answer with its settings and configuration, and with no tags (CreateCluster
// echoes the tags it was given).
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ClusterRecord } from '../../domain/cluster.js';
import { clusterCounts, clusterStatistics } from '../../domain/cluster-usage.js';
import type { Tag } from '../../domain/tags.js';
import { clusterUsageOf } from '../../store/clusters.js';
import type { RegionState } from '../../store/schema.js';

export type ClusterInclude = 'ATTACHMENTS' | 'CONFIGURATIONS' | 'SETTINGS' | 'STATISTICS' | 'TAGS';

/** The view of responses to operations that change a cluster. */
export const CHANGED_CLUSTER_VIEW: readonly ClusterInclude[] = ['SETTINGS', 'CONFIGURATIONS'];

export interface WireClusterOptions {
  include?: readonly string[];
  /** Tags to report instead of the stored ones (CreateCluster echoes its request's tags). */
  tags?: readonly Tag[];
}

export function toWireCluster(cluster: ClusterRecord, state: Readonly<RegionState>, options: WireClusterOptions = {}): Ecs.Cluster {
  const include = options.include ?? [];
  const usage = clusterUsageOf(state, cluster.clusterArn);
  const tags = options.tags ?? (include.includes('TAGS') ? (state.tags[cluster.clusterArn] ?? []) : []);
  const wire: Ecs.Cluster = {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    ...clusterCounts(usage),
    statistics: include.includes('STATISTICS') ? clusterStatistics(usage) : [],
    tags: tags.map((t) => ({ key: t.key, value: t.value })),
    settings: include.includes('SETTINGS') ? cluster.settings.map((s) => ({ name: s.name as Ecs.ClusterSettingName, value: s.value })) : [],
    capacityProviders: [...cluster.capacityProviders],
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy.map((s) => ({ ...s })),
  };
  if (include.includes('CONFIGURATIONS') && cluster.configuration) {
    wire.configuration = structuredClone(cluster.configuration) as Ecs.ClusterConfiguration;
  }
  if (include.includes('ATTACHMENTS')) {
    wire.attachments = [];
    if (cluster.capacityProviders.length) wire.attachmentsStatus = 'UPDATE_COMPLETE';
  }
  if (cluster.serviceConnectDefaults) wire.serviceConnectDefaults = { ...cluster.serviceConnectDefaults };
  return wire;
}
