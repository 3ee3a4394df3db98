// Cluster look-ups over one region's state, for every operation that takes a `cluster` parameter.
//
//   resolveCluster(state, scope, ref)       the ACTIVE cluster `ref` names (name, ARN, or absent = `default`);
//                                            read-only: ListTasks, DescribeServices, UpdateCluster, DeleteCluster ...
//   ensureCluster(state, scope, ref, now)   the same, but creates `default` on first use, as AWS does for
//                                            RunTask, StartTask and CreateService; call it inside store.update.
//   clusterUsageOf(state, clusterArn)       what runs in the cluster (counts by launch type and status).
//   clusterDeletionBlocker(state, name)     why DeleteCluster must refuse, or null.
//   capacityProviderInUse(state, arn, cp)   whether PutClusterCapacityProviders may drop `cp`.
//
// Errors: an unknown name or ARN (including an ARN of another account or region) is ClusterNotFoundException
// "Cluster not found."; an INACTIVE (deleted) cluster is ClusterNotFoundException "The referenced cluster was
// inactive.", as AWS answers CreateService/UpdateService for a deleted cluster.
import { clusterArn, clusterNameFrom, isArn } from '../domain/arn.js';
import { effectiveSetting, rootPrincipalArn } from '../domain/account-settings.js';
import { isFargateCapacityProvider } from '../domain/capacity-provider-strategy.js';
import { isValidClusterName, newClusterRecord, type ClusterRecord } from '../domain/cluster.js';
import {
  deletionBlocker,
  usageFromRecords,
  type ClusterUsage,
  type ServiceUsageView,
  type TaskUsageView,
} from '../domain/cluster-usage.js';
import { clusterInactive, clusterNotFound, type EcsError } from '../domain/errors.js';
import type { Scope } from '../domain/scope.js';
import { liveTasksInCluster, servicesInCluster } from './queries.js';
import type { RegionState } from './schema.js';

export const DEFAULT_CLUSTER = 'default';

/** The cluster name `ref` means in `scope`, or null when it cannot name a cluster there. */
export function clusterNameIn(scope: Scope, ref: string | undefined): string | null {
  const name = clusterNameFrom(ref);
  if (name === null || !isValidClusterName(name)) return null;
  if (ref !== undefined && isArn(ref) && ref !== clusterArn(scope, name)) return null;
  return name;
}

/** The record `ref` names, whatever its status, or undefined. */
export function findCluster(state: Readonly<RegionState>, scope: Scope, ref: string | undefined): ClusterRecord | undefined {
  const name = clusterNameIn(scope, ref);
  return name === null ? undefined : state.clusters[name];
}

/** The ACTIVE cluster `ref` names; throws ClusterNotFoundException otherwise. Never creates anything. */
export function resolveCluster(state: Readonly<RegionState>, scope: Scope, ref: string | undefined): ClusterRecord {
  const cluster = findCluster(state, scope, ref);
  if (!cluster) throw clusterNotFound();
  if (cluster.status === 'INACTIVE') throw clusterInactive();
  return cluster;
}

/** Like resolveCluster, but the `default` cluster is created when it does not exist (or was deleted). */
export function ensureCluster(state: RegionState, scope: Scope, ref: string | undefined, now: number): ClusterRecord {
  const name = clusterNameIn(scope, ref);
  const existing = name === null ? undefined : state.clusters[name];
  if (name === DEFAULT_CLUSTER && (!existing || existing.status === 'INACTIVE')) {
    const insights = effectiveSetting(state.accountSettings, scope, 'containerInsights', rootPrincipalArn(scope)).value;
    const created = newClusterRecord(scope, DEFAULT_CLUSTER, now, insights);
    state.clusters[DEFAULT_CLUSTER] = created;
    delete state.tags[created.clusterArn];
    return state.clusters[DEFAULT_CLUSTER]!;
  }
  return resolveCluster(state, scope, ref);
}

// ---- What runs in a cluster -------------------------------------------------------------------------------------
// What runs in a cluster, from the typed task and service collections' indexes: STOPPED tasks count for nothing,
// so only the cluster's live tasks are read.

function tasksOf(state: Readonly<RegionState>, clusterArnValue: string): (TaskUsageView & { capacityProviderName?: string })[] {
  return liveTasksInCluster(state, clusterArnValue).map((t) => ({
    clusterArn: t.clusterArn,
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    capacityProviderName: t.capacityProviderName,
  }));
}

function servicesOf(state: Readonly<RegionState>, clusterArnValue: string): (ServiceUsageView & { capacityProviders: string[] })[] {
  return servicesInCluster(state, clusterArnValue).map((svc) => ({
    clusterArn: svc.clusterArn,
    status: svc.status,
    launchType: svc.launchType,
    capacityProviders: (svc.capacityProviderStrategy ?? []).map((i) => i.capacityProvider),
  }));
}

export function clusterUsageOf(state: Readonly<RegionState>, clusterArnValue: string): ClusterUsage {
  return usageFromRecords(clusterArnValue, tasksOf(state, clusterArnValue), servicesOf(state, clusterArnValue));
}

/** Why DeleteCluster must refuse `clusterName`, or null. */
export function clusterDeletionBlocker(state: Readonly<RegionState>, clusterName: string): EcsError | null {
  const cluster = state.clusters[clusterName];
  return cluster ? deletionBlocker(clusterUsageOf(state, cluster.clusterArn)) : null;
}

/** Whether a task (not STOPPED) or a service (not INACTIVE) of the cluster uses capacity provider `provider`. */
export function capacityProviderInUse(state: Readonly<RegionState>, clusterArnValue: string, provider: string): boolean {
  const byTask = tasksOf(state, clusterArnValue).some((t) => t.capacityProviderName === provider);
  const byService = servicesOf(state, clusterArnValue).some((s) => s.status !== 'INACTIVE' && s.capacityProviders.includes(provider));
  return byTask || byService;
}

/** Whether a capacity provider of that name exists in the account: FARGATE, FARGATE_SPOT, or an ACTIVE created one. */
export const capacityProviderExists = (state: Readonly<RegionState>, name: string) =>
  isFargateCapacityProvider(name) || state.capacityProviders?.[name]?.status === 'ACTIVE';
