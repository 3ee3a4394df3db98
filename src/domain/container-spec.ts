// What a container definition (plus RunTask's overrides) means for the runtime: the ContainerSpec.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { InjectedEnvironment } from './task-agent.js';
import type { TaskDefinitionRecord } from './task-definition.js';
import type { ContainerSpec, HealthCheckSpec, MountSpec } from './task-runtime.js';
import type { TaskRecord } from './task.js';

export const DEFAULT_STOP_TIMEOUT_SECONDS = 30;
export const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;

/** Volumes with neither EFS nor a host path are per-task scratch space, shared by the task's containers. */
export function scratchVolumes(td: TaskDefinitionRecord): string[] {
  return (td.volumes ?? []).filter((v) => !v.efsVolumeConfiguration && !v.host?.sourcePath && v.name).map((v) => v.name!);
}

export function stopTimeoutOf(def: Ecs.ContainerDefinition | undefined): number {
  return Math.min(def?.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS, FARGATE_MAX_STOP_TIMEOUT_SECONDS);
}

function healthCheckOf(hc: Ecs.HealthCheck | undefined): HealthCheckSpec | undefined {
  if (!hc?.command?.length) return undefined;
  return {
    command: hc.command,
    intervalSeconds: hc.interval ?? 30,
    timeoutSeconds: hc.timeout ?? 5,
    retries: hc.retries ?? 3,
    startPeriodSeconds: hc.startPeriod ?? 0,
  };
}

function mountsOf(def: Ecs.ContainerDefinition, td: TaskDefinitionRecord): MountSpec[] {
  return (def.mountPoints ?? []).flatMap((mp): MountSpec[] => {
    const volume = (td.volumes ?? []).find((v) => v.name === mp.sourceVolume);
    if (!volume || !mp.containerPath) return [];
    const readOnly = mp.readOnly ?? false;
    if (volume.efsVolumeConfiguration) {
      const efs = volume.efsVolumeConfiguration;
      return [{ kind: 'efs', source: efs.fileSystemId!, rootDirectory: efs.rootDirectory, containerPath: mp.containerPath, readOnly }];
    }
    if (volume.host?.sourcePath) return [{ kind: 'bind', source: volume.host.sourcePath, containerPath: mp.containerPath, readOnly }];
    return [{ kind: 'scratch', source: volume.name!, containerPath: mp.containerPath, readOnly }];
  });
}

const toRecord = (pairs: { name?: string; value?: string }[] | undefined) =>
  Object.fromEntries((pairs ?? []).filter((p) => p.name).map((p) => [p.name!, p.value ?? '']));

/**
 * The container's environment, each source over the ones before it: environment files, the definition's
 * environment, the override's, secrets, then what Fargate itself sets (`platform`: region, execution env,
 * metadata and credentials URIs).
 */
export function environmentOf(
  def: Ecs.ContainerDefinition,
  override: Ecs.ContainerOverride | undefined,
  platform: Record<string, string>,
  injected: InjectedEnvironment = { files: {}, secrets: {} },
): Record<string, string> {
  return { ...injected.files, ...toRecord(def.environment), ...toRecord(override?.environment), ...injected.secrets, ...platform };
}

export function containerSpecOf(
  task: TaskRecord,
  td: TaskDefinitionRecord,
  name: string,
  platformEnvironment: Record<string, string>,
  injected?: InjectedEnvironment,
): ContainerSpec {
  const def = td.containerDefinitions.find((d) => d.name === name);
  const record = task.containers.find((c) => c.name === name);
  if (!def || !record) throw new Error(`task ${task.taskId} has no container ${name}`);
  const override = (task.overrides as Ecs.TaskOverride).containerOverrides?.find((o) => o.name === name);
  const lp = def.linuxParameters;
  return {
    name,
    image: record.localImage ?? def.image!,
    command: override?.command ?? def.command,
    entryPoint: def.entryPoint,
    environment: environmentOf(def, override, platformEnvironment, injected),
    workingDirectory: def.workingDirectory,
    user: def.user,
    cpu: Number(record.cpu) || undefined,
    memory: record.memory !== undefined ? Number(record.memory) : undefined,
    memoryReservation: record.memoryReservation !== undefined ? Number(record.memoryReservation) : undefined,
    ulimits: (def.ulimits ?? []).map((u) => ({ name: u.name!, softLimit: u.softLimit!, hardLimit: u.hardLimit! })),
    initProcessEnabled: lp?.initProcessEnabled ?? false,
    readonlyRootFilesystem: def.readonlyRootFilesystem ?? false,
    dockerLabels: { ...(def.dockerLabels ?? {}) },
    systemControls: (def.systemControls ?? []).map((s) => ({ namespace: s.namespace!, value: s.value! })),
    healthCheck: healthCheckOf(def.healthCheck),
    mounts: mountsOf(def, td),
    volumesFrom: (def.volumesFrom ?? []).map((v) => ({ sourceContainer: v.sourceContainer!, readOnly: v.readOnly ?? false })),
    capabilitiesAdd: lp?.capabilities?.add ?? [],
    capabilitiesDrop: lp?.capabilities?.drop ?? [],
  };
}
