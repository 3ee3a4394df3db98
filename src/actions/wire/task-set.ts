// TaskSetRecord → the wire TaskSet, with the counts ECS derives from the task set's tasks.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ServiceRecord } from '../../domain/ecs-service.js';
import type { Tag } from '../../domain/tags.js';
import { PRE_RUNNING, type TaskRecord } from '../../domain/task.js';
import type { TaskSetRecord } from '../../domain/task-set.js';

export function toWireTaskSet(ts: TaskSetRecord, svc: ServiceRecord, tasks: readonly TaskRecord[], tags?: readonly Tag[]): Ecs.TaskSet {
  const mine = tasks.filter((t) => t.startedBy === ts.id);
  const n = ts.networkConfiguration;
  const wire: Ecs.TaskSet = {
    id: ts.id,
    taskSetArn: ts.taskSetArn,
    serviceArn: svc.serviceArn,
    clusterArn: svc.clusterArn,
    ...(ts.startedBy !== undefined ? { startedBy: ts.startedBy } : {}),
    ...(ts.externalId !== undefined ? { externalId: ts.externalId } : {}),
    status: ts.status,
    taskDefinition: ts.taskDefinition,
    computedDesiredCount: ts.computedDesiredCount,
    pendingCount: mine.filter((t) => t.desiredStatus === 'RUNNING' && PRE_RUNNING.includes(t.lastStatus)).length,
    runningCount: mine.filter((t) => t.lastStatus === 'RUNNING').length,
    createdAt: new Date(ts.createdAt),
    updatedAt: new Date(ts.updatedAt),
    ...(ts.launchType ? { launchType: ts.launchType } : {}),
    ...(ts.capacityProviderStrategy ? { capacityProviderStrategy: ts.capacityProviderStrategy.map((s) => ({ ...s })) } : {}),
    platformVersion: ts.platformVersion,
    platformFamily: ts.platformFamily,
    ...(n.subnets.length > 0
      ? {
          networkConfiguration: {
            awsvpcConfiguration: { subnets: [...n.subnets], securityGroups: [...n.securityGroups], assignPublicIp: n.assignPublicIp },
          },
        }
      : {}),
    loadBalancers: structuredClone(ts.loadBalancers) as Ecs.LoadBalancer[],
    serviceRegistries: structuredClone(ts.serviceRegistries) as Ecs.ServiceRegistry[],
    scale: { ...ts.scale },
    stabilityStatus: ts.stabilityStatus,
    stabilityStatusAt: new Date(ts.stabilityStatusAt),
  };
  if (tags) wire.tags = tags.map((t) => ({ ...t }));
  return wire;
}
