// TaskRecord → the wire Task, as DescribeTasks, RunTask and StopTask return it.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { TaskRecord } from '../../domain/task.js';
import type { Tag } from '../../domain/tags.js';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function toWireTask(task: TaskRecord, tags?: readonly Tag[]): Ecs.Task {
  const a = task.attachment;
  const eniDetails = [
    { name: 'subnetId', value: a.subnetId },
    ...(a.networkInterfaceId
      ? [
          { name: 'networkInterfaceId', value: a.networkInterfaceId },
          { name: 'macAddress', value: a.macAddress },
          { name: 'privateDnsName', value: a.privateDnsName },
          { name: 'privateIPv4Address', value: a.privateIPv4Address },
        ]
      : []),
  ];
  return {
    attachments: [{ id: a.id, type: 'ElasticNetworkInterface', status: a.status, details: eniDetails }],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    capacityProviderName: task.capacityProviderName,
    clusterArn: task.clusterArn,
    connectivity: task.connectivity,
    connectivityAt: date(task.connectivityAt),
    containers: task.containers.map((c) => ({
      containerArn: c.containerArn,
      taskArn: task.taskArn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      runtimeId: c.started ? c.runtimeId : undefined,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces: a.privateIPv4Address ? [{ attachmentId: a.id, privateIpv4Address: a.privateIPv4Address }] : [],
      healthStatus: c.healthStatus,
      cpu: c.cpu,
      memory: c.memory,
      memoryReservation: c.memoryReservation,
    })),
    cpu: task.cpu,
    createdAt: date(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: task.enableExecuteCommand,
    ephemeralStorage: { sizeInGiB: task.ephemeralStorageGiB },
    fargateEphemeralStorage: { sizeInGiB: task.ephemeralStorageGiB },
    executionStoppedAt: date(task.executionStoppedAt),
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [], ...(task.overrides as Ecs.TaskOverride) },
    platformVersion: task.platformVersion,
    platformFamily: task.platformFamily,
    pullStartedAt: date(task.pullStartedAt),
    pullStoppedAt: date(task.pullStoppedAt),
    startedAt: date(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: date(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: date(task.stoppingAt),
    tags: tags ? tags.map((t) => ({ ...t })) : undefined,
    taskArn: task.taskArn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
  };
}
