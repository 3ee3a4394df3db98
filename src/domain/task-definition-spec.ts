// A RegisterTaskDefinition request, normalised: cpu/memory in units, and the defaults AWS fills in
// (container cpu 0, essential true, empty lists, port protocol and host port, health check timings).
import type * as Ecs from '@aws-sdk/client-ecs';
import { normaliseTaskCpu, normaliseTaskMemory } from './fargate-sizes.js';
import type { TaskDefinitionRecord } from './task-definition.js';

/** Everything a revision holds except what registration assigns (ARN, revision, status, timestamps, derived fields). */
export type TaskDefinitionSpec = Omit<
  TaskDefinitionRecord,
  | 'taskDefinitionArn'
  | 'revision'
  | 'status'
  | 'registeredAt'
  | 'registeredBy'
  | 'deregisteredAt'
  | 'deleteRequestedAt'
  | 'compatibilities'
  | 'requiresAttributes'
>;

/** Health check timings AWS applies when a field is left out (seconds, attempts). */
export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;

/** Drops keys whose value is undefined or null (JSON copied from a describe output often carries nulls). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** The network mode rules use when none is given. */
export const effectiveNetworkMode = (spec: Pick<TaskDefinitionSpec, 'networkMode'>) => spec.networkMode ?? 'bridge';

/** Host and awsvpc modes publish a container port on the same host port. */
const sharesHostPorts = (mode: string) => mode === 'awsvpc' || mode === 'host';

function normalisePortMapping(mapping: Ecs.PortMapping, networkMode: string): Ecs.PortMapping {
  const p = compact(mapping);
  const filled: Ecs.PortMapping = { ...p, protocol: p.protocol ?? 'tcp' };
  if (p.hostPort === undefined && p.containerPort !== undefined) {
    filled.hostPort = sharesHostPorts(networkMode) ? p.containerPort : 0;
  }
  return filled;
}

function normaliseHealthCheck(check: Ecs.HealthCheck): Ecs.HealthCheck {
  const h = compact(check);
  return {
    ...h,
    interval: h.interval ?? HEALTH_CHECK_DEFAULTS.interval,
    timeout: h.timeout ?? HEALTH_CHECK_DEFAULTS.timeout,
    retries: h.retries ?? HEALTH_CHECK_DEFAULTS.retries,
  };
}

export function normaliseContainer(container: Ecs.ContainerDefinition, networkMode: string): Ecs.ContainerDefinition {
  const c = compact(container);
  const normalised: Ecs.ContainerDefinition = {
    ...c,
    cpu: c.cpu ?? 0,
    essential: c.essential ?? true,
    portMappings: (c.portMappings ?? []).map((p) => normalisePortMapping(p, networkMode)),
    environment: c.environment ?? [],
    mountPoints: c.mountPoints ?? [],
    volumesFrom: c.volumesFrom ?? [],
    systemControls: c.systemControls ?? [],
  };
  if (c.healthCheck) normalised.healthCheck = normaliseHealthCheck(c.healthCheck);
  return normalised;
}

/** ECS fills in an EFS volume's rootDirectory ("/") when it is registered without one. */
function normaliseVolume(volume: Ecs.Volume): Ecs.Volume {
  const efs = volume?.efsVolumeConfiguration;
  if (!efs || efs.rootDirectory != null) return volume;
  return { ...volume, efsVolumeConfiguration: { ...efs, rootDirectory: '/' } };
}

/** Normalises a request; throws InvalidParameterException when cpu or memory cannot be read. */
export function normaliseSpec(input: Ecs.RegisterTaskDefinitionRequest): TaskDefinitionSpec {
  const networkMode = input.networkMode ?? 'bridge';
  return compact({
    family: input.family ?? '',
    taskRoleArn: input.taskRoleArn,
    executionRoleArn: input.executionRoleArn,
    networkMode: input.networkMode,
    containerDefinitions: (input.containerDefinitions ?? []).map((c) => normaliseContainer(c ?? {}, networkMode)),
    volumes: (input.volumes ?? []).map(normaliseVolume),
    placementConstraints: input.placementConstraints ?? [],
    requiresCompatibilities: input.requiresCompatibilities,
    cpu: input.cpu != null ? normaliseTaskCpu(String(input.cpu)) : undefined,
    memory: input.memory != null ? normaliseTaskMemory(String(input.memory)) : undefined,
    pidMode: input.pidMode,
    ipcMode: input.ipcMode,
    proxyConfiguration: input.proxyConfiguration,
    inferenceAccelerators: input.inferenceAccelerators,
    ephemeralStorage: input.ephemeralStorage,
    runtimePlatform: input.runtimePlatform,
    enableFaultInjection: input.enableFaultInjection ?? false,
  });
}
