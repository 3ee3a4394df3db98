import type * as Ecs from '@aws-sdk/client-ecs';
import { capacityProviderArn } from '../domain/arn.js';
import {
  assertValidCapacityProviderName,
  autoScalingGroupProviderOf,
  type CapacityProviderRecord,
  managedInstancesProviderOf,
  toWireCapacityProvider,
} from '../domain/capacity-provider.js';
import { clientException, invalidParameter } from '../domain/errors.js';
import { validateTags } from '../domain/tags.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';

/** An Auto Scaling group provider (account-wide) or a Managed Instances provider (of one cluster). */
export function createCapacityProvider(ctx: ActionContext, input: Ecs.CreateCapacityProviderRequest): Ecs.CreateCapacityProviderResponse {
  const { scope, deps } = ctx;
  const name = input.name!;
  assertValidCapacityProviderName(name);
  const tags = validateTags(input.tags ?? []);
  if (!!input.autoScalingGroupProvider === !!input.managedInstancesProvider) {
    throw invalidParameter('Specify exactly one of autoScalingGroupProvider and managedInstancesProvider.');
  }
  return deps.store.update(scope, (state) => {
    const existing = state.capacityProviders[name];
    if (existing?.status === 'ACTIVE') {
      throw clientException(
        'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.',
      );
    }
    let record: CapacityProviderRecord;
    const capacityProviderArnValue = capacityProviderArn(scope, name);
    if (input.autoScalingGroupProvider) {
      const asg = autoScalingGroupProviderOf(input.autoScalingGroupProvider);
      const taken = Object.values(state.capacityProviders).some(
        (p) => p.status === 'ACTIVE' && p.autoScalingGroupProvider?.autoScalingGroupArn === asg.autoScalingGroupArn,
      );
      if (taken) throw clientException('The specified Auto Scaling group is already associated with another capacity provider.');
      record = {
        capacityProviderArn: capacityProviderArnValue,
        name,
        type: 'EC2_AUTOSCALING',
        status: 'ACTIVE',
        autoScalingGroupProvider: asg,
      };
    } else {
      if (!input.cluster) throw invalidParameter('A cluster is required for a Managed Instances capacity provider.');
      const cluster = resolveCluster(state, scope, input.cluster);
      record = {
        capacityProviderArn: capacityProviderArnValue,
        name,
        type: 'MANAGED_INSTANCES',
        cluster: cluster.clusterName,
        status: 'ACTIVE',
        managedInstancesProvider: managedInstancesProviderOf(input.managedInstancesProvider!),
      };
    }
    state.capacityProviders[name] = record;
    if (tags.length) state.tags[record.capacityProviderArn] = tags;
    else delete state.tags[record.capacityProviderArn];
    return { capacityProvider: toWireCapacityProvider(record, tags) };
  });
}
