// ClusterRecord → the wire Cluster, with the optional parts DescribeClusters' `include` asks for.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ClusterRecord } from '../../domain/cluster.js';
import type { RegionState } from '../../store/schema.js';

export type ClusterInclude = 'ATTACHMENTS' | 'CONFIGURATIONS' | 'SETTINGS' | 'STATISTICS' | 'TAGS';

export function toWireCluster(cluster: ClusterRecord, state: Readonly<RegionState>, include: readonly string[] = []): Ecs.Cluster {
  const wire: Ecs.Cluster = {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    activeServicesCount: 0,
    statistics: [],
    tags: [],
    settings: cluster.settings.map((s) => ({ name: s.name as Ecs.ClusterSettingName, value: s.value })),
    capacityProviders: [...cluster.capacityProviders],
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy.map((s) => ({ ...s })),
  };
  if (cluster.configuration) wire.configuration = cluster.configuration as Ecs.ClusterConfiguration;
  if (cluster.serviceConnectDefaults) wire.serviceConnectDefaults = { ...cluster.serviceConnectDefaults };
  if (include.includes('TAGS')) wire.tags = (state.tags[cluster.clusterArn] ?? []).map((t) => ({ ...t }));
  return wire;
}
