// The one builder of new task records, for RunTask and the service scheduler alike: the request and the task
// definition it names, with every id drawn from the injected Ids.
import type * as Ecs from '@aws-sdk/client-ecs';
import { containerArn, taskArn } from './arn.js';
import type { SubnetRecord } from './network/vpc.js';
import { type Ids, tenDigits } from './ports.js';
import type { Scope } from './scope.js';
import type { TaskDefinitionRecord } from './task-definition.js';
import type { ContainerRecord, TaskRecord } from './task.js';

export interface NewTaskRequest {
  scope: Scope;
  clusterName: string;
  clusterArn: string;
  taskDefinition: TaskDefinitionRecord;
  overrides?: Ecs.TaskOverride;
  capacityProviderName: 'FARGATE' | 'FARGATE_SPOT';
  platformVersion: string;
  startedBy?: string;
  group?: string;
  referenceId?: string;
  enableExecuteCommand: boolean;
  subnet: SubnetRecord;
  securityGroups: string[];
  assignPublicIp: boolean;
  now: number;
}

export const DEFAULT_EPHEMERAL_STORAGE_GIB = 20;

export function newTask(req: NewTaskRequest, ids: Ids): TaskRecord {
  const td = req.taskDefinition;
  const o = req.overrides ?? {};
  const taskId = ids.hex32();
  const arn = taskArn(req.scope, req.clusterName, taskId);
  const containers: ContainerRecord[] = td.containerDefinitions.map((def) => {
    const co = o.containerOverrides?.find((x) => x.name === def.name);
    const memory = co?.memory ?? def.memory;
    const memoryReservation = co?.memoryReservation ?? def.memoryReservation;
    return {
      name: def.name!,
      containerArn: containerArn(req.scope, req.clusterName, taskId, ids.uuid()),
      runtimeId: `${taskId}-${tenDigits(ids)}`,
      image: def.image!,
      essential: def.essential ?? true,
      lastStatus: 'PENDING',
      started: false,
      healthStatus: 'UNKNOWN',
      hasHealthCheck: Boolean(def.healthCheck?.command?.length),
      cpu: String(co?.cpu ?? def.cpu ?? 0),
      memory: memory !== undefined ? String(memory) : undefined,
      memoryReservation: memoryReservation !== undefined ? String(memoryReservation) : undefined,
    };
  });
  return {
    taskId,
    taskArn: arn,
    clusterArn: req.clusterArn,
    clusterName: req.clusterName,
    taskDefinitionArn: td.taskDefinitionArn,
    family: td.family,
    revision: td.revision,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    version: 1,
    launchType: 'FARGATE',
    capacityProviderName: req.capacityProviderName,
    platformVersion: req.platformVersion,
    platformFamily: 'Linux',
    availabilityZone: req.subnet.availabilityZone,
    cpu: o.cpu ?? td.cpu ?? '256',
    memory: o.memory ?? td.memory ?? '512',
    ephemeralStorageGiB: o.ephemeralStorage?.sizeInGiB ?? td.ephemeralStorage?.sizeInGiB ?? DEFAULT_EPHEMERAL_STORAGE_GIB,
    overrides: structuredClone(o) as Record<string, unknown>,
    taskRoleArn: o.taskRoleArn ?? td.taskRoleArn,
    executionRoleArn: o.executionRoleArn ?? td.executionRoleArn,
    startedBy: req.startedBy,
    group: req.group ?? `family:${td.family}`,
    referenceId: req.referenceId,
    enableExecuteCommand: req.enableExecuteCommand,
    healthStatus: 'UNKNOWN',
    containers,
    attachment: {
      id: ids.uuid(),
      status: 'PRECREATED',
      subnetId: req.subnet.subnetId,
      vpcId: req.subnet.vpcId,
      networkInterfaceId: '',
      macAddress: '',
      privateIPv4Address: '',
      privateDnsName: '',
      securityGroups: [...req.securityGroups],
      assignPublicIp: req.assignPublicIp,
    },
    createdAt: req.now,
  };
}
