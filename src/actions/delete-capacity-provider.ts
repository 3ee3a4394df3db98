import type * as Ecs from '@aws-sdk/client-ecs';
import { toWireCapacityProvider } from '../domain/capacity-provider.js';
import { resourceInUse } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { activeCapacityProvider } from './support/capacity-providers.js';

/**
 * Refused while a cluster lists the provider. The answer shows the deletion in
 * progress (status ACTIVE, DELETE_IN_PROGRESS); describing it afterwards shows it INACTIVE, DELETE_COMPLETE.
 */
export function deleteCapacityProvider(ctx: ActionContext, input: Ecs.DeleteCapacityProviderRequest): Ecs.DeleteCapacityProviderResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const record = activeCapacityProvider(state, input.capacityProvider!);
    const inCluster = Object.values(state.clusters).some((c) => c.status === 'ACTIVE' && c.capacityProviders.includes(record.name));
    // No service or task can use one here (their strategies are refused), so a cluster association is the only use.
    if (inCluster) {
      throw resourceInUse('The specified capacity provider is in use and cannot be deleted. Remove it from every cluster and try again.');
    }
    const answer = toWireCapacityProvider({ ...record, updateStatus: 'DELETE_IN_PROGRESS' });
    Object.assign(record, { status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE', deletedAt: now });
    return { capacityProvider: answer };
  });
}
