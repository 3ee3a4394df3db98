// Pure mapping from the port's specs to Docker create options. No I/O here, so it is unit-tested without Docker.
//
// Limits. Fargate puts the task's cpu/memory on the task's cgroup, shared by all its containers. Docker (cgroup v1,
// cgroupfs) has no simple way to give several containers one shared limit, so each container gets:
//   - memory: its own `memory` as the hard limit, or else the task's memory; swap off (MemorySwap = Memory);
//     `memoryReservation` as the soft limit;
//   - cpu: `cpu` units as CpuShares (minimum 2, as the ECS agent does), and the task's cpu as a CFS quota
//     (NanoCpus), capped at the host's CPU count because Docker refuses more.
// A task can therefore use up to N x its memory in total; a single container never exceeds the task's limit.
import type { ContainerCreateOptions } from 'dockerode';
import type { ContainerSpec, HealthCheckSpec, MountSpec, SandboxSpec, TaskIdentity, TaskLimits } from '../domain/task-runtime.js';
import { taskContainerLabels } from './labels.js';
import { containerDockerName, efsVolumeName, scratchVolumeName, vpcNetworkDockerName } from './names.js';

const MIB = 1024 * 1024;
const NS_PER_SECOND = 1_000_000_000;
/** The ECS agent never sets fewer CPU shares than this (the kernel's minimum). */
const MIN_CPU_SHARES = 2;
/** Fargate's default nofile limit, soft and hard (ECS API reference, `Ulimit`). */
export const FARGATE_DEFAULT_NOFILE = 65535;

export interface AppContainerContext {
  instanceId: string;
  task: TaskIdentity;
  pauseContainerId: string;
  limits: TaskLimits;
  /** CPUs of the Docker host (`docker info` NCPU). */
  hostCpus: number;
  /** nofile for containers that set none: Fargate's 65535, or null where the engine's own limit is lower. */
  defaultNofile: number | null;
}

/** ECS health check → Docker Healthcheck: the command as is (CMD / CMD-SHELL / NONE), seconds → nanoseconds. */
export function toDockerHealthcheck(check: HealthCheckSpec): NonNullable<ContainerCreateOptions['Healthcheck']> {
  return {
    Test: check.command,
    Interval: check.intervalSeconds * NS_PER_SECOND,
    Timeout: check.timeoutSeconds * NS_PER_SECOND,
    Retries: check.retries,
    StartPeriod: check.startPeriodSeconds * NS_PER_SECOND,
  };
}

export function toDockerMount(
  instanceId: string,
  taskId: string,
  mount: MountSpec,
): { Type: 'volume' | 'bind'; Source: string; Target: string; ReadOnly: boolean } {
  const target = { Target: mount.containerPath, ReadOnly: mount.readOnly };
  switch (mount.kind) {
    case 'scratch':
      return { Type: 'volume', Source: scratchVolumeName(instanceId, taskId, mount.source), ...target };
    case 'efs':
      return { Type: 'volume', Source: efsVolumeName(instanceId, mount.source, mount.rootDirectory ?? '/'), ...target };
    case 'bind':
      return { Type: 'bind', Source: mount.source, ...target };
  }
}

/** Memory and CPU settings of one app container (see the header comment). */
export function resourceLimits(spec: ContainerSpec, limits: TaskLimits, hostCpus: number) {
  const memoryMiB = spec.memory ?? limits.memory;
  const nanoCpus = Math.round((Math.min(limits.cpu / 1024, hostCpus) * NS_PER_SECOND) / 1e6) * 1e6;
  return {
    Memory: memoryMiB * MIB,
    MemorySwap: memoryMiB * MIB,
    ...(spec.memoryReservation ? { MemoryReservation: spec.memoryReservation * MIB } : {}),
    CpuShares: Math.max(MIN_CPU_SHARES, spec.cpu ?? 0),
    NanoCpus: nanoCpus,
  };
}

export function appContainerOptions(ctx: AppContainerContext, spec: ContainerSpec): ContainerCreateOptions {
  const { instanceId, task } = ctx;
  const ulimits = spec.ulimits.map((u) => ({ Name: u.name, Soft: u.softLimit, Hard: u.hardLimit }));
  if (ctx.defaultNofile !== null && !ulimits.some((u) => u.Name === 'nofile')) {
    ulimits.push({ Name: 'nofile', Soft: ctx.defaultNofile, Hard: ctx.defaultNofile });
  }
  return {
    name: containerDockerName(instanceId, task.taskId, spec.name),
    Image: spec.image,
    ...(spec.entryPoint ? { Entrypoint: spec.entryPoint } : {}),
    ...(spec.command ? { Cmd: spec.command } : {}),
    Env: Object.entries(spec.environment).map(([k, v]) => `${k}=${v}`),
    ...(spec.workingDirectory ? { WorkingDir: spec.workingDirectory } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    // Our labels win over dockerLabels of the same key, as the agent's do.
    Labels: { ...spec.dockerLabels, ...taskContainerLabels(instanceId, task, spec.name) },
    ...(spec.healthCheck ? { Healthcheck: toDockerHealthcheck(spec.healthCheck) } : {}),
    HostConfig: {
      NetworkMode: `container:${ctx.pauseContainerId}`,
      RestartPolicy: { Name: 'no' },
      ...resourceLimits(spec, ctx.limits, ctx.hostCpus),
      Ulimits: ulimits,
      Init: spec.initProcessEnabled,
      ReadonlyRootfs: spec.readonlyRootFilesystem,
      Sysctls: Object.fromEntries(spec.systemControls.map((s) => [s.namespace, s.value])),
      Mounts: spec.mounts.map((m) => toDockerMount(instanceId, task.taskId, m)),
      VolumesFrom: spec.volumesFrom.map(
        (v) => `${containerDockerName(instanceId, task.taskId, v.sourceContainer)}${v.readOnly ? ':ro' : ''}`,
      ),
      CapAdd: spec.capabilitiesAdd,
      CapDrop: spec.capabilitiesDrop,
    },
  };
}

/**
 * The pause container: on the subnet network with the ENI's static IP and MAC. Hostname and published ports must
 * be set here (Docker refuses them on `container:` apps). No restart policy: a restarted pause gets a new netns
 * and silently strips the apps' network.
 */
export function pauseContainerOptions(instanceId: string, spec: SandboxSpec, image: string): ContainerCreateOptions {
  const ports = spec.publishedPorts ?? [];
  const exposed = Object.fromEntries(ports.map((p) => [`${p.containerPort}/${p.protocol}`, {}]));
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    (bindings[`${p.containerPort}/${p.protocol}`] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  }
  return {
    name: containerDockerName(instanceId, spec.task.taskId, null),
    Image: image,
    Hostname: spec.hostname,
    // API < 1.44 reads the MAC here; newer engines read EndpointSettings.MacAddress (both must agree).
    MacAddress: spec.macAddress,
    Labels: taskContainerLabels(instanceId, spec.task, null),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: vpcNetworkDockerName(instanceId, spec.subnet.vpcId),
      RestartPolicy: { Name: 'no' },
      PortBindings: bindings,
      Memory: 16 * MIB,
    },
    NetworkingConfig: {
      EndpointsConfig: {
        [vpcNetworkDockerName(instanceId, spec.subnet.vpcId)]: {
          IPAMConfig: { IPv4Address: spec.ipv4Address },
          MacAddress: spec.macAddress,
        },
      },
    },
  };
}
