import type * as Ecs from '@aws-sdk/client-ecs';
import { managedInstancesProviderOf, toWireCapacityProvider, updatedAutoScalingGroupProvider } from '../domain/capacity-provider.js';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { activeCapacityProvider } from './support/capacity-providers.js';

/** Changes the scaling settings (ASG) or the instance configuration (Managed Instances); the update completes at once. */
export function updateCapacityProvider(ctx: ActionContext, input: Ecs.UpdateCapacityProviderRequest): Ecs.UpdateCapacityProviderResponse {
  const { scope, deps } = ctx;
  return deps.store.update(scope, (state) => {
    const record = activeCapacityProvider(state, input.name!);
    if (record.type === 'EC2_AUTOSCALING') {
      if (!input.autoScalingGroupProvider || input.managedInstancesProvider) {
        throw invalidParameter('An Auto Scaling group capacity provider is updated with autoScalingGroupProvider.');
      }
      record.autoScalingGroupProvider = updatedAutoScalingGroupProvider(record.autoScalingGroupProvider!, input.autoScalingGroupProvider);
    } else {
      if (!input.managedInstancesProvider || input.autoScalingGroupProvider) {
        throw invalidParameter('A Managed Instances capacity provider is updated with managedInstancesProvider.');
      }
      record.managedInstancesProvider = managedInstancesProviderOf(input.managedInstancesProvider, record.managedInstancesProvider);
    }
    record.updateStatus = 'UPDATE_COMPLETE';
    return { capacityProvider: toWireCapacityProvider(record) };
  });
}
