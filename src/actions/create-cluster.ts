import type * as Ecs from '@aws-sdk/client-ecs';
import { effectiveSetting, rootPrincipalArn } from '../domain/account-settings.js';
import { validateCapacityProviderStrategy, validateClusterCapacityProviders } from '../domain/capacity-provider-strategy.js';
import {
  assertValidClusterName,
  INCONSISTENT_IDEMPOTENT_REQUEST,
  newClusterRecord,
  sameCapacityProviderArguments,
  serviceConnectNamespaceArn,
  validateClusterSettings,
} from '../domain/cluster.js';
import { newOperationId } from '../domain/cloudmap/ids.js';
import { ensureServiceConnectNamespace } from '../domain/cloudmap/service-connect.js';
import { invalidParameter } from '../domain/errors.js';
import { validateTags } from '../domain/tags.js';
import { capacityProviderExists, DEFAULT_CLUSTER } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { CHANGED_CLUSTER_VIEW, toWireCluster } from './wire/cluster.js';

/**
 * Creates a cluster; for a name whose cluster is ACTIVE it returns that cluster unchanged (idempotent), unless the
 * capacity provider arguments differ from it. A name whose cluster was deleted (INACTIVE) gets a fresh cluster.
 */
export function createCluster(ctx: ActionContext, input: Ecs.CreateClusterRequest): Ecs.CreateClusterResponse {
  const { scope, deps } = ctx;
  const name = input.clusterName ?? DEFAULT_CLUSTER;
  assertValidClusterName(name);
  const tags = validateTags(input.tags ?? []);
  const settings = validateClusterSettings(input.settings ?? []);
  const namespace = serviceConnectNamespaceArn(scope, input.serviceConnectDefaults?.namespace);

  const created = deps.store.update(scope, (state) => {
    const capacityProviders =
      input.capacityProviders && validateClusterCapacityProviders(input.capacityProviders, (cp) => capacityProviderExists(state, cp));
    const strategy =
      input.defaultCapacityProviderStrategy &&
      validateCapacityProviderStrategy(input.defaultCapacityProviderStrategy, capacityProviders ?? []);

    const existing = state.clusters[name];
    if (existing && existing.status === 'ACTIVE') {
      if (!sameCapacityProviderArguments(existing, capacityProviders, strategy)) throw invalidParameter(INCONSISTENT_IDEMPOTENT_REQUEST);
      return false;
    }
    const insights = effectiveSetting(state.accountSettings, scope, 'containerInsights', rootPrincipalArn(scope)).value;
    const cluster = newClusterRecord(scope, name, deps.clock.now(), insights, {
      settings,
      configuration: input.configuration as Record<string, unknown> | undefined,
      capacityProviders,
      defaultCapacityProviderStrategy: strategy,
      serviceConnectDefaults: namespace
        ? {
            namespace: ensureServiceConnectNamespace(
              state,
              input.serviceConnectDefaults!.namespace!,
              namespace,
              newOperationId(deps.ids),
              deps.clock.now(),
            ),
          }
        : undefined,
    });
    state.clusters[name] = cluster;
    if (tags.length) state.tags[cluster.clusterArn] = tags;
    else delete state.tags[cluster.clusterArn];
    return true;
  });

  return {
    cluster: deps.store.read(scope, (state) =>
      toWireCluster(state.clusters[name]!, state, {
        include: CHANGED_CLUSTER_VIEW,
        tags: created ? tags : (state.tags[state.clusters[name]!.clusterArn] ?? []),
      }),
    ),
  };
}
