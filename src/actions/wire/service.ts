// ServiceRecord → the wire Service, with the counts ECS derives from the service's tasks.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { AwsvpcRecord, DeploymentRecord, ServiceRecord } from '../../domain/ecs-service.js';
import { serviceGroup, usesTaskSets } from '../../domain/ecs-service.js';
import { toWireTaskSet } from './task-set.js';
import type { Tag } from '../../domain/tags.js';
import { PRE_RUNNING, type TaskRecord } from '../../domain/task.js';
import { tasksOfGroup } from '../../store/queries.js';
import type { RegionState } from '../../store/schema.js';

interface Counts {
  running: number;
  pending: number;
}

function countsOf(tasks: readonly TaskRecord[]): Counts {
  return {
    running: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pending: tasks.filter((t) => t.desiredStatus === 'RUNNING' && PRE_RUNNING.includes(t.lastStatus)).length,
  };
}

/** None for a service that has no awsvpc network (an EC2 service of a bridge or host task definition). */
const network = (n: AwsvpcRecord): Ecs.NetworkConfiguration | undefined =>
  n.subnets.length === 0
    ? undefined
    : { awsvpcConfiguration: { subnets: [...n.subnets], securityGroups: [...n.securityGroups], assignPublicIp: n.assignPublicIp } };

const strategy = (s: DeploymentRecord['capacityProviderStrategy']) => s?.map((i) => ({ ...i }));

/** The tasks of the service (all deployments), from the region's task collection. */
export function tasksOfService(state: Readonly<RegionState>, svc: ServiceRecord): TaskRecord[] {
  const group = serviceGroup(svc.serviceName);
  return tasksOfGroup(state, svc.clusterArn, group);
}

export function toWireService(svc: ServiceRecord, tasks: readonly TaskRecord[], tags?: readonly Tag[]): Ecs.Service {
  const total = countsOf(tasks);
  const wire: Ecs.Service = {
    serviceArn: svc.serviceArn,
    serviceName: svc.serviceName,
    clusterArn: svc.clusterArn,
    loadBalancers: structuredClone(svc.loadBalancers) as Ecs.LoadBalancer[],
    serviceRegistries: structuredClone(svc.serviceRegistries) as Ecs.ServiceRegistry[],
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: total.running,
    pendingCount: total.pending,
    launchType: svc.launchType,
    capacityProviderStrategy: strategy(svc.capacityProviderStrategy),
    platformVersion: svc.platformVersion,
    platformFamily: svc.platformFamily,
    ...(svc.taskDefinition ? { taskDefinition: svc.taskDefinition } : {}),
    deploymentConfiguration: structuredClone(svc.deploymentConfiguration) as Ecs.DeploymentConfiguration,
    deployments: svc.deployments.map((d) => {
      const c = countsOf(tasks.filter((t) => t.startedBy === d.id));
      return {
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition,
        desiredCount: d.desiredCount,
        pendingCount: c.pending,
        runningCount: c.running,
        failedTasks: d.failedTasks,
        createdAt: new Date(d.createdAt),
        updatedAt: new Date(d.updatedAt),
        launchType: d.launchType,
        capacityProviderStrategy: strategy(d.capacityProviderStrategy),
        platformVersion: d.platformVersion,
        platformFamily: d.platformFamily,
        networkConfiguration: network(d.networkConfiguration),
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
        ...(d.serviceConnectConfiguration
          ? {
              serviceConnectConfiguration: structuredClone(d.serviceConnectConfiguration) as unknown as Ecs.ServiceConnectConfiguration,
              serviceConnectResources: structuredClone(d.serviceConnectResources ?? []),
            }
          : {}),
      };
    }),
    roleArn: svc.roleArn,
    events: svc.events.map((e) => ({ id: e.id, createdAt: new Date(e.createdAt), message: e.message })),
    createdAt: new Date(svc.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: network(svc.networkConfiguration),
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds ?? (svc.loadBalancers.length > 0 ? 0 : undefined),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: svc.deploymentController ?? 'ECS' },
    ...(usesTaskSets(svc) ? { taskSets: (svc.taskSets ?? []).map((ts) => toWireTaskSet(ts, svc, tasks)) } : {}),
    createdBy: svc.roleArn.replace(/:role\/.*$/, ':root'),
    enableECSManagedTags: svc.enableECSManagedTags,
    propagateTags: svc.propagateTags,
    enableExecuteCommand: svc.enableExecuteCommand,
    availabilityZoneRebalancing: svc.availabilityZoneRebalancing ?? 'ENABLED',
  };
  if (tags) wire.tags = tags.map((t) => ({ ...t }));
  return wire;
}
