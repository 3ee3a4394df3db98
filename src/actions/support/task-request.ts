// What task-launching operations (RunTask, later the service scheduler) resolve before a task exists.
import type * as Ecs from '@aws-sdk/client-ecs';
import { clusterArn, isArn, parseArn } from '../../domain/arn.js';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterRecord } from '../../domain/cluster.js';
import type { StrategyItem } from '../../domain/capacity-provider-strategy.js';
import { clusterNotFound, EcsError, invalidParameter } from '../../domain/errors.js';
import type { Scope } from '../../domain/scope.js';
import type { Tag } from '../../domain/tags.js';
import {
  assertRunnableOnFargate,
  resolveTaskDefinitionRef,
  TASK_DEFINITION_LOOKUPS,
  type TaskDefinitionLookup,
  type TaskDefinitionRecord,
} from '../../domain/task-definition.js';
import type { RegionState } from '../../store/schema.js';

export const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

/** The cluster a request names (`default` when none), creating `default` on first use as AWS does. */
export function clusterForUse(state: RegionState, scope: Scope, ref: string | undefined, now: number): ClusterRecord {
  let name = ref ?? 'default';
  if (isArn(name)) {
    const parsed = parseArn(name);
    if (!parsed || parsed.resourceType !== 'cluster') throw clusterNotFound();
    name = parsed.resource;
  }
  const existing = state.clusters[name];
  if (existing?.status === 'ACTIVE') return existing;
  if (name !== 'default' || existing) throw clusterNotFound();
  const cluster: ClusterRecord = {
    clusterName: 'default',
    clusterArn: clusterArn(scope, 'default'),
    status: 'ACTIVE',
    settings: DEFAULT_CLUSTER_SETTINGS.map((s) => ({ ...s })),
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
    createdAt: now,
  };
  state.clusters.default = cluster;
  return cluster;
}

/** The task definition RunTask (or a service) names, refused as AWS refuses it when it cannot run on Fargate. */
export function taskDefinitionForRun(
  state: RegionState,
  ref: string,
  lookup: TaskDefinitionLookup = TASK_DEFINITION_LOOKUPS.runTask,
): TaskDefinitionRecord {
  const td = resolveTaskDefinitionRef(state, ref, lookup);
  assertRunnableOnFargate(td);
  return td;
}

/** The Fargate capacity providers to spread new tasks over, from launchType, a strategy, or the cluster default. */
export function fargateStrategyOf(
  launchType: string | undefined,
  strategy: Ecs.CapacityProviderStrategyItem[] | undefined,
  cluster: ClusterRecord,
): StrategyItem[] {
  if (launchType === 'FARGATE') return [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
  if (launchType) throw invalidParameter('No Container Instances were found in your cluster.');
  const items: StrategyItem[] = strategy?.length
    ? strategy.map((s) => ({ capacityProvider: s.capacityProvider!, weight: s.weight ?? 0, base: s.base ?? 0 }))
    : cluster.defaultCapacityProviderStrategy;
  if (items.length === 0) throw invalidParameter('No Container Instances were found in your cluster.');
  for (const item of items) {
    if (!cluster.capacityProviders.includes(item.capacityProvider)) {
      throw invalidParameter(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
      );
    }
  }
  if (items.filter((i) => i.base > 0).length > 1) {
    throw invalidParameter('The specified capacity provider strategy cannot contain more than one capacity provider with a base value greater than 0.');
  }
  if (items.every((i) => i.weight === 0)) {
    throw invalidParameter('The specified capacity provider strategy must contain at least one capacity provider with a weight value greater than 0.');
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
