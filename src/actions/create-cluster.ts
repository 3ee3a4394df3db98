import type * as Ecs from '@aws-sdk/client-ecs';
import { clusterArn } from '../domain/arn.js';
import { assertValidClusterName, DEFAULT_CLUSTER_SETTINGS, type ClusterRecord } from '../domain/cluster.js';
import type { ActionContext } from './context.js';
import { toWireCluster } from './wire/cluster.js';

export function createCluster(ctx: ActionContext, input: Ecs.CreateClusterRequest): Ecs.CreateClusterResponse {
  const name = input.clusterName ?? 'default';
  assertValidClusterName(name);
  const { scope, deps } = ctx;
  const record = deps.store.update(scope, (state) => {
    const existing = state.clusters[name];
    // CreateCluster is idempotent for an ACTIVE cluster of that name: AWS returns it unchanged.
    if (existing && existing.status === 'ACTIVE') return existing;
    const cluster: ClusterRecord = {
      clusterName: name,
      clusterArn: clusterArn(scope, name),
      status: 'ACTIVE',
      settings: mergeSettings(input.settings),
      configuration: input.configuration as Record<string, unknown> | undefined,
      capacityProviders: input.capacityProviders ?? [],
      defaultCapacityProviderStrategy: (input.defaultCapacityProviderStrategy ?? []).map((s) => ({
        capacityProvider: s.capacityProvider!,
        weight: s.weight ?? 0,
        base: s.base ?? 0,
      })),
      serviceConnectDefaults: input.serviceConnectDefaults?.namespace
        ? { namespace: input.serviceConnectDefaults.namespace }
        : undefined,
      createdAt: deps.clock.now(),
    };
    state.clusters[name] = cluster;
    if (input.tags?.length) state.tags[cluster.clusterArn] = input.tags.map((t) => ({ key: t.key!, value: t.value ?? '' }));
    return cluster;
  });
  return { cluster: deps.store.read(scope, (state) => toWireCluster(record, state, ['TAGS'])) };
}

function mergeSettings(given: Ecs.ClusterSetting[] | undefined) {
  const settings = DEFAULT_CLUSTER_SETTINGS.map((s) => ({ ...s }));
  for (const s of given ?? []) {
    const found = settings.find((x) => x.name === s.name);
    if (found) found.value = s.value ?? found.value;
    else settings.push({ name: s.name!, value: s.value ?? '' });
  }
  return settings;
}
