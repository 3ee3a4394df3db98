// What runs in a cluster, counted by launch type and status; the cluster's counts, its STATISTICS and whether it may
// be deleted all derive from it. The tasks and services code provides the records (see store/clusters.ts).
import { clusterContainsContainerInstances, clusterContainsServices, clusterContainsTasks, type EcsError } from './errors.js';

export type UsageLaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES';
const LAUNCH_TYPES: readonly UsageLaunchType[] = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];

type ByLaunchType = Record<UsageLaunchType, number>;

export interface ClusterUsage {
  runningTasks: ByLaunchType;
  pendingTasks: ByLaunchType;
  activeServices: ByLaunchType;
  drainingServices: ByLaunchType;
  /** Tasks whose lastStatus is not yet STOPPED (they keep the cluster from being deleted). */
  unstoppedTasks: number;
  registeredContainerInstances: number;
}

const zeros = (): ByLaunchType => ({ EC2: 0, FARGATE: 0, EXTERNAL: 0, MANAGED_INSTANCES: 0 });

export const emptyClusterUsage = (): ClusterUsage => ({
  runningTasks: zeros(),
  pendingTasks: zeros(),
  activeServices: zeros(),
  drainingServices: zeros(),
  unstoppedTasks: 0,
  registeredContainerInstances: 0,
});

/** The slice of a task the counts need. */
export interface TaskUsageView {
  clusterArn: string;
  lastStatus: string;
  /** Absent means FARGATE (tasks placed through a Fargate capacity provider). */
  launchType?: string;
}

/** The slice of a service the counts need. */
export interface ServiceUsageView {
  clusterArn: string;
  /** ACTIVE | DRAINING | INACTIVE */
  status: string;
  launchType?: string;
}

/** Task states counted as pending; the states after RUNNING still count as running until STOPPED. */
const PENDING_STATES = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const RUNNING_STATES = new Set(['RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING']);

const launchTypeOf = (value: string | undefined): UsageLaunchType =>
  (LAUNCH_TYPES as readonly string[]).includes(value ?? '') ? (value as UsageLaunchType) : 'FARGATE';

/** Counts the tasks and services of one cluster. */
export function usageFromRecords(clusterArn: string, tasks: Iterable<TaskUsageView>, services: Iterable<ServiceUsageView>): ClusterUsage {
  const usage = emptyClusterUsage();
  for (const task of tasks) {
    if (task.clusterArn !== clusterArn) continue;
    const lt = launchTypeOf(task.launchType);
    if (PENDING_STATES.has(task.lastStatus)) usage.pendingTasks[lt] += 1;
    else if (RUNNING_STATES.has(task.lastStatus)) usage.runningTasks[lt] += 1;
    if (task.lastStatus !== 'STOPPED') usage.unstoppedTasks += 1;
  }
  for (const service of services) {
    if (service.clusterArn !== clusterArn) continue;
    const lt = launchTypeOf(service.launchType);
    if (service.status === 'ACTIVE') usage.activeServices[lt] += 1;
    else if (service.status === 'DRAINING') usage.drainingServices[lt] += 1;
  }
  return usage;
}

const sum = (counts: ByLaunchType) => LAUNCH_TYPES.reduce((n, lt) => n + counts[lt], 0);

/** The top-level counts of a Cluster. */
export function clusterCounts(usage: ClusterUsage) {
  return {
    registeredContainerInstancesCount: usage.registeredContainerInstances,
    runningTasksCount: sum(usage.runningTasks),
    pendingTasksCount: sum(usage.pendingTasks),
    activeServicesCount: sum(usage.activeServices),
  };
}

/** DescribeClusters' STATISTICS, named and ordered as AWS returns them; values are decimal strings. */
export function clusterStatistics(usage: ClusterUsage): { name: string; value: string }[] {
  const names: [string, number][] = [
    ['runningEC2TasksCount', usage.runningTasks.EC2],
    ['runningFargateTasksCount', usage.runningTasks.FARGATE],
    ['pendingEC2TasksCount', usage.pendingTasks.EC2],
    ['pendingFargateTasksCount', usage.pendingTasks.FARGATE],
    ['runningExternalTasksCount', usage.runningTasks.EXTERNAL],
    ['pendingExternalTasksCount', usage.pendingTasks.EXTERNAL],
    ['runningManagedInstancesTasksCount', usage.runningTasks.MANAGED_INSTANCES],
    ['pendingManagedInstancesTasksCount', usage.pendingTasks.MANAGED_INSTANCES],
    ['activeEC2ServiceCount', usage.activeServices.EC2],
    ['activeFargateServiceCount', usage.activeServices.FARGATE],
    ['drainingEC2ServiceCount', usage.drainingServices.EC2],
    ['drainingFargateServiceCount', usage.drainingServices.FARGATE],
    ['activeExternalServiceCount', usage.activeServices.EXTERNAL],
    ['drainingExternalServiceCount', usage.drainingServices.EXTERNAL],
    ['activeManagedInstancesServiceCount', usage.activeServices.MANAGED_INSTANCES],
    ['drainingManagedInstancesServiceCount', usage.drainingServices.MANAGED_INSTANCES],
  ];
  return names.map(([name, n]) => ({ name, value: String(n) }));
}

/** Why a cluster with this usage cannot be deleted, or null when it can. */
export function deletionBlocker(usage: ClusterUsage): EcsError | null {
  if (usage.registeredContainerInstances > 0) return clusterContainsContainerInstances();
  if (sum(usage.activeServices) + sum(usage.drainingServices) > 0) return clusterContainsServices();
  if (usage.unstoppedTasks > 0) return clusterContainsTasks();
  return null;
}
