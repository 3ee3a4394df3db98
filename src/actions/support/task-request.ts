// What task-launching operations (RunTask, later the service scheduler) resolve before a task exists.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { CapacityProviderStrategyItem, ClusterRecord } from '../../domain/cluster.js';
import { isFargateCapacityProvider, validateCapacityProviderStrategy } from '../../domain/capacity-provider-strategy.js';
import { EcsError, invalidParameter } from '../../domain/errors.js';
import type { Tag } from '../../domain/tags.js';
import type { RegionState } from '../../store/schema.js';

/** AWS's refusal of a strategy that mixes Fargate and Auto Scaling group providers. */
const MIXED_PROVIDERS =
  'The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.';

/** The Fargate capacity providers to spread new tasks over, from launchType, a strategy, or the cluster default. */
export function fargateStrategyOf(
  launchType: string | undefined,
  strategy: Ecs.CapacityProviderStrategyItem[] | undefined,
  cluster: ClusterRecord,
): CapacityProviderStrategyItem[] {
  if (launchType === 'FARGATE') return [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
  if (launchType) throw invalidParameter('No Container Instances were found in your cluster.');
  const items = strategy?.length
    ? validateCapacityProviderStrategy(strategy, cluster.capacityProviders)
    : cluster.defaultCapacityProviderStrategy;
  if (items.length === 0) throw invalidParameter('No Container Instances were found in your cluster.');
  // Auto Scaling group and Managed Instances providers have no instances behind them here.
  const ec2Backed = items.filter((i) => !isFargateCapacityProvider(i.capacityProvider));
  if (ec2Backed.length === items.length) throw invalidParameter('No Container Instances were found in your cluster.');
  if (ec2Backed.length > 0) throw invalidParameter(MIXED_PROVIDERS);
  if (items.every((i) => i.weight === 0)) {
    throw invalidParameter(
      'The specified capacity provider strategy must contain at least one capacity provider with a weight value greater than 0.',
    );
  }
  return items;
}

export function platformVersionOf(requested: string | undefined): string {
  if (requested === undefined || requested === 'LATEST' || requested === '1.4.0') return '1.4.0';
  if (requested === '1.3.0') return '1.3.0';
  throw new EcsError('PlatformUnknownException', 'The specified platform version does not exist.');
}

/** The new task's tags: propagated from the task definition if asked, then the request's own (which win). */
export function taskTagsOf(
  state: RegionState,
  input: Pick<Ecs.RunTaskRequest, 'tags' | 'propagateTags' | 'enableECSManagedTags'>,
  tdArn: string,
  clusterName: string,
): Tag[] {
  const byKey = new Map<string, string>();
  if (input.propagateTags === 'TASK_DEFINITION') for (const t of state.tags[tdArn] ?? []) byKey.set(t.key, t.value);
  for (const t of input.tags ?? []) byKey.set(t.key!, t.value ?? '');
  if (input.enableECSManagedTags) byKey.set('aws:ecs:clusterName', clusterName);
  return [...byKey].map(([key, value]) => ({ key, value }));
}
