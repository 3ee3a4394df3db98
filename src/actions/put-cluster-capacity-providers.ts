import type * as Ecs from '@aws-sdk/client-ecs';
import {
  removedProviders,
  validateCapacityProviderStrategy,
  validateClusterCapacityProviders,
} from '../domain/capacity-provider-strategy.js';
import { resourceInUse } from '../domain/errors.js';
import { capacityProviderExists, capacityProviderInUse, resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { CHANGED_CLUSTER_VIEW, toWireCluster } from './wire/cluster.js';

/** AWS's wording when a provider still used by tasks or services is dropped (observed via CloudFormation). */
const PROVIDER_IN_USE = 'The specified capacity provider is in use and cannot be removed.';

/** Replaces a cluster's capacity providers and default capacity provider strategy (both may be empty). */
export function putClusterCapacityProviders(
  ctx: ActionContext,
  input: Ecs.PutClusterCapacityProvidersRequest,
): Ecs.PutClusterCapacityProvidersResponse {
  const { scope, deps } = ctx;
  const name = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const providers = validateClusterCapacityProviders(input.capacityProviders ?? [], (cp) => capacityProviderExists(state, cp));
    const strategy = validateCapacityProviderStrategy(input.defaultCapacityProviderStrategy ?? [], providers);
    if (removedProviders(cluster.capacityProviders, providers).some((cp) => capacityProviderInUse(state, cluster.clusterArn, cp))) {
      throw resourceInUse(PROVIDER_IN_USE);
    }
    cluster.capacityProviders = providers;
    cluster.defaultCapacityProviderStrategy = strategy;
    return cluster.clusterName;
  });
  return { cluster: deps.store.read(scope, (state) => toWireCluster(state.clusters[name]!, state, { include: CHANGED_CLUSTER_VIEW })) };
}
