// Task metadata responses (v3 and v4) as Fargate's agent writes them, from a task record plus what Docker says
// about its containers now. Pure. Field order follows the agent's Go structs (encoding/json writes struct fields in
// order and map keys sorted); optional fields are left out when empty, as `omitempty` does. Sources: ecs-agent
// tmds/handlers/v2/response.go and v4/state/response.go, and a real Fargate /task capture (AWS's "Task metadata
// endpoint version 4 for Fargate" page shows one).
import type * as Ecs from '@aws-sdk/client-ecs';
import { gatewayOf, intToIp, parseCidr } from '../domain/network/cidr.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { ContainerRecord, TaskRecord } from '../domain/task.js';

/** What Docker reports about a container now. */
export interface LiveContainer {
  startedAt: number | null;
  finishedAt: number | null;
}

export interface TaskView {
  task: TaskRecord;
  td: TaskDefinitionRecord | undefined;
  region: string;
  /** The ENI's subnet and VPC blocks. */
  subnetCidr: string | undefined;
  vpcCidr: string | undefined;
  /** By container name. */
  live: Record<string, LiveContainer | null>;
  /** MiB written by the task's containers to their own filesystems. */
  ephemeralUtilizedMiB: number;
  now: number;
}

type Json = Record<string, unknown>;

/** Go's time.Time in JSON (RFC 3339 with nanoseconds, trailing zeros dropped), UTC. */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** Drops undefined members (Go's omitempty for the cases the agent uses it). */
function compact(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

const sorted = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const when = (ms: number | undefined | null) => (ms === undefined || ms === null ? undefined : goTime(ms));

/** The agent's task statuses: NONE, PULLED, RUNNING, STOPPED (as a running container sees them). */
function taskKnownStatus(task: TaskRecord): string {
  switch (task.lastStatus) {
    case 'PROVISIONING':
    case 'PENDING':
      return task.pullStoppedAt !== undefined ? 'PULLED' : 'NONE';
    case 'DEPROVISIONING':
    case 'STOPPED':
      return 'STOPPED';
    default:
      return 'RUNNING';
  }
}

function containerKnownStatus(task: TaskRecord, c: ContainerRecord): string {
  if (c.lastStatus === 'STOPPED') return 'STOPPED';
  if (c.started) return 'RUNNING';
  return task.pullStoppedAt !== undefined ? 'PULLED' : 'NONE';
}

function definitionOf(view: TaskView, name: string): Ecs.ContainerDefinition | undefined {
  return view.td?.containerDefinitions.find((d) => d.name === name);
}

function labelsOf(view: TaskView, c: ContainerRecord): Record<string, string> {
  const t = view.task;
  return sorted({
    ...(definitionOf(view, c.name)?.dockerLabels ?? {}),
    'com.amazonaws.ecs.cluster': t.clusterArn,
    'com.amazonaws.ecs.container-name': c.name,
    'com.amazonaws.ecs.task-arn': t.taskArn,
    'com.amazonaws.ecs.task-definition-family': t.family,
    'com.amazonaws.ecs.task-definition-version': String(t.revision),
  });
}

/** awslogs on Fargate: the stream name replaces the prefix (`<prefix>/<container>/<task id>`). */
function logOptionsOf(view: TaskView, c: ContainerRecord): Record<string, string> | undefined {
  const log = definitionOf(view, c.name)?.logConfiguration;
  if (!log?.options) return undefined;
  const options = { ...log.options };
  if (log.logDriver === 'awslogs' && options['awslogs-stream-prefix']) {
    options['awslogs-stream'] = `${options['awslogs-stream-prefix']}/${c.name}/${view.task.taskId}`;
    delete options['awslogs-stream-prefix'];
  }
  return sorted(options);
}

function portsOf(view: TaskView, c: ContainerRecord): Json[] | undefined {
  const mappings = definitionOf(view, c.name)?.portMappings ?? [];
  const ports = mappings
    .filter((p) => p.containerPort !== undefined)
    // awsvpc: the host port is the container port, and there is no host address to bind.
    .map((p) => ({ ContainerPort: p.containerPort, Protocol: p.protocol ?? 'tcp', HostPort: p.containerPort }));
  return ports.length ? ports : undefined;
}

function volumesOf(view: TaskView, c: ContainerRecord): Json[] | undefined {
  const mounts = definitionOf(view, c.name)?.mountPoints ?? [];
  const volumes = mounts.filter((m) => m.containerPath).map((m) => compact({ DockerName: m.sourceVolume, Destination: m.containerPath }));
  return volumes.length ? volumes : undefined;
}

function limitsOf(c: ContainerRecord): Json {
  return compact({ CPU: Number(c.cpu) || 0, Memory: c.memory !== undefined ? Number(c.memory) : undefined });
}

function healthOf(c: ContainerRecord): Json | undefined {
  if (!c.hasHealthCheck) return undefined;
  return c.healthStatus === 'UNKNOWN' ? {} : { status: c.healthStatus };
}

/** The fields v2/v3 and v4 share, in the agent's order (up to Volumes). */
function containerBase(view: TaskView, c: ContainerRecord): Json {
  const live = view.live[c.name] ?? null;
  const stopped = view.task.desiredStatus === 'STOPPED' || c.lastStatus === 'STOPPED';
  return {
    DockerId: c.runtimeId,
    Name: c.name,
    DockerName: c.name,
    Image: c.image,
    ImageID: c.imageDigest ?? '',
    Ports: portsOf(view, c),
    Labels: labelsOf(view, c),
    DesiredStatus: stopped ? 'STOPPED' : 'RUNNING',
    KnownStatus: containerKnownStatus(view.task, c),
    ExitCode: c.exitCode,
    Limits: limitsOf(c),
    CreatedAt: when(live?.startedAt),
    StartedAt: when(live?.startedAt),
    FinishedAt: when(live?.finishedAt),
    Type: 'NORMAL',
  };
}

/** The ENI as v4 describes it (awsvpc only). */
export function awsvpcNetwork(view: TaskView): Json {
  const a = view.task.attachment;
  const subnet = view.subnetCidr ? parseCidr(view.subnetCidr) : null;
  const vpc = view.vpcCidr ? parseCidr(view.vpcCidr) : null;
  return compact({
    NetworkMode: 'awsvpc',
    IPv4Addresses: [a.privateIPv4Address],
    AttachmentIndex: 0,
    MACAddress: a.macAddress,
    IPv4SubnetCIDRBlock: subnet?.text,
    // The VPC's DNS resolver sits at its base address + 2.
    DomainNameServers: vpc ? [intToIp(vpc.network + 2)] : undefined,
    DomainNameSearchList: [view.region === 'us-east-1' ? 'ec2.internal' : `${view.region}.compute.internal`],
    PrivateDNSName: a.privateDnsName,
    SubnetGatewayIpv4Address: subnet ? `${gatewayOf(subnet)}/${subnet.prefix}` : undefined,
  });
}

export function v4Container(view: TaskView, c: ContainerRecord): Json {
  const log = definitionOf(view, c.name)?.logConfiguration;
  return compact({
    ...containerBase(view, c),
    Health: healthOf(c),
    Volumes: volumesOf(view, c),
    LogDriver: log?.logDriver,
    LogOptions: logOptionsOf(view, c),
    ContainerARN: c.containerArn,
    Networks: [awsvpcNetwork(view)],
    Snapshotter: 'overlayfs',
  });
}

export function v3Container(view: TaskView, c: ContainerRecord): Json {
  return compact({
    ...containerBase(view, c),
    Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: [view.task.attachment.privateIPv4Address] }],
    Health: healthOf(c),
    Volumes: volumesOf(view, c),
  });
}

function taskBase(view: TaskView): Json {
  const t = view.task;
  return {
    Cluster: t.clusterArn,
    TaskARN: t.taskArn,
    Family: t.family,
    Revision: String(t.revision),
    DesiredStatus: t.desiredStatus,
    KnownStatus: taskKnownStatus(t),
  };
}

function taskTimes(view: TaskView): Json {
  const t = view.task;
  return {
    Limits: { CPU: Number(t.cpu) / 1024, Memory: Number(t.memory) },
    PullStartedAt: when(t.pullStartedAt),
    PullStoppedAt: when(t.pullStoppedAt),
    ExecutionStoppedAt: when(t.executionStoppedAt),
    AvailabilityZone: t.availabilityZone,
  };
}

/** Containers that have been created (Fargate lists no container it has not created yet). */
const listed = (view: TaskView) => view.task.containers.filter((c) => c.dockerId !== undefined);

export function v4Task(view: TaskView): Json {
  const t = view.task;
  const serviceName = t.group.startsWith('service:') ? t.group.slice('service:'.length) : undefined;
  return compact({
    ...taskBase(view),
    ...taskTimes(view),
    LaunchType: t.launchType,
    Containers: listed(view).map((c) => v4Container(view, c)),
    ServiceName: serviceName,
    ClockDrift: {
      ClockErrorBound: 0.5,
      ReferenceTimestamp: goTime(Math.floor(view.now / 1000) * 1000),
      ClockSynchronizationStatus: 'SYNCHRONIZED',
    },
    EphemeralStorageMetrics: { Utilized: view.ephemeralUtilizedMiB, Reserved: t.ephemeralStorageGiB * 1024 + 16 },
    FaultInjectionEnabled: (view.td as { enableFaultInjection?: boolean } | undefined)?.enableFaultInjection ?? false,
  });
}

/** The agent's name for the container that holds the task's network namespace. */
export const PAUSE_CONTAINER_NAME = '~internal~ecs~pause';

/** v3 lists the task's pause container too (awsvpc), as the agent's v3 example shows. */
function v3PauseContainer(view: TaskView): Json | undefined {
  const t = view.task;
  const pauseId = t.sandbox?.pauseContainerId;
  if (!pauseId) return undefined;
  const live = view.live[PAUSE_CONTAINER_NAME] ?? null;
  return compact({
    DockerId: pauseId,
    Name: PAUSE_CONTAINER_NAME,
    DockerName: `ecs-${t.family}-${t.revision}-internalecspause-${pauseId.slice(0, 20)}`,
    Image: 'amazon/amazon-ecs-pause:0.1.0',
    ImageID: '',
    Labels: sorted({
      'com.amazonaws.ecs.cluster': t.clusterArn,
      'com.amazonaws.ecs.container-name': PAUSE_CONTAINER_NAME,
      'com.amazonaws.ecs.task-arn': t.taskArn,
      'com.amazonaws.ecs.task-definition-family': t.family,
      'com.amazonaws.ecs.task-definition-version': String(t.revision),
    }),
    DesiredStatus: 'RESOURCES_PROVISIONED',
    KnownStatus: 'RESOURCES_PROVISIONED',
    Limits: { CPU: 0, Memory: 0 },
    CreatedAt: when(live?.startedAt),
    StartedAt: when(live?.startedAt),
    Type: 'CNI_PAUSE',
    Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: [t.attachment.privateIPv4Address] }],
  });
}

export function v3Task(view: TaskView): Json {
  const pause = v3PauseContainer(view);
  return compact({
    ...taskBase(view),
    Containers: [...(pause ? [pause] : []), ...listed(view).map((c) => v3Container(view, c))],
    ...taskTimes(view),
  });
}
