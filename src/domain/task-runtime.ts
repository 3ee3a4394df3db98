// The port through which the engine runs tasks. DockerTaskRuntime (src/runtime/) implements it; the engine and
// the domain speak only these types (no dockerode types cross this line).
//
// A task is a sandbox (the "pause" container: it owns the network namespace, holds the ENI's IP and is joined to
// the internal agent network) plus one container per container definition, each joined to the sandbox's
// namespace. The engine decides order (dependsOn), timing and state; the runtime only does what it is told.
import type { FirewallPolicy } from './network/firewall-policy.js';

/** Labels that identify a task's Docker objects; the runtime adds its own ownership labels. */
export interface TaskIdentity {
  taskId: string;
  taskArn: string;
  clusterArn: string;
  family: string;
  revision: number;
  /** `<accountId>/<region>`: where the task lives in the store. */
  scopeKey: string;
}

/**
 * The Docker bridge network a task's ENI lives on: one per VPC, over the VPC's block (the subnets of a VPC share
 * it; the emulator assigns every address itself). See src/runtime/networks.ts.
 */
export interface SubnetNetworkSpec {
  /** The VPC: the runtime names its network after it (and its emulator instance). */
  vpcId: string;
  /** The VPC's block. */
  cidr: string;
  /** The block's .1, the VPC router's address: the host's side of the bridge. */
  gateway: string;
  /** No route out of the host at all (tests); VPC networks are not internal (see docs/networking.md). */
  internal: boolean;
}

export interface SandboxSpec {
  task: TaskIdentity;
  subnet: SubnetNetworkSpec;
  /** The ENI's private IPv4, from our own allocator. */
  ipv4Address: string;
  macAddress: string;
  hostname: string;
  /**
   * Ports published on the host (opt-in, for hosts where task IPs are not routable). hostPort 0 lets Docker choose;
   * a fixed hostPort that is taken falls back to one Docker chooses.
   */
  publishedPorts?: PublishedPort[];
  /** Security groups to enforce in the task's network namespace before any app container starts. */
  firewall?: FirewallPolicy;
  /** Per-task scratch volumes to create (name in the task definition). */
  scratchVolumes: string[];
  /**
   * The DNS servers the task resolves through (the emulator's task resolver), asked once the agent network exists
   * and before the pause container is made; undefined keeps Docker's own.
   */
  resolvers?: () => Promise<string[] | undefined>;
}

export interface PublishedPort {
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
  hostIp: string;
}

export interface SandboxHandle {
  /** Docker id of the pause container. */
  pauseContainerId: string;
  /** The sandbox's address on the agent network (169.254.0.0/16), assigned by Docker. */
  agentIpv4Address: string;
  /** The ports as published (host ports Docker chose filled in). */
  publishedPorts?: PublishedPort[];
  /** Whether the security groups are enforced ('unenforced' when the host cannot do it; see docs/networking.md). */
  firewall?: FirewallOutcome;
  /** The task's limits when the caller knows them; otherwise the runtime reads them from the sandbox. */
  limits?: TaskLimits;
}

/** 'enforced': rules are in place; 'unenforced': this host cannot enforce security groups (logged once). */
export type FirewallOutcome = 'enforced' | 'unenforced';

export interface HealthCheckSpec {
  command: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

export interface MountSpec {
  /** 'scratch' = a per-task volume; 'efs' = a named volume that outlives tasks; 'bind' = a host path. */
  kind: 'scratch' | 'efs' | 'bind';
  /**
   * Scratch: the volume name in the task definition (one of the sandbox's `scratchVolumes`);
   * efs: the file system id (`fs-…`); bind: the host path.
   */
  source: string;
  /** efs only: the directory of the file system to mount (default '/'); each one is its own Docker volume. */
  rootDirectory?: string;
  containerPath: string;
  readOnly: boolean;
}

export interface ContainerSpec {
  /** The container definition's name. */
  name: string;
  /** Image reference as Docker should use it (ECR URIs already resolved). */
  image: string;
  command?: string[];
  entryPoint?: string[];
  environment: Record<string, string>;
  workingDirectory?: string;
  user?: string;
  /** CPU units (1024 = one vCPU); 0 or absent = no per-container limit. */
  cpu?: number;
  /** Hard memory limit in MiB. */
  memory?: number;
  /** Soft memory limit in MiB. */
  memoryReservation?: number;
  ulimits: { name: string; softLimit: number; hardLimit: number }[];
  initProcessEnabled: boolean;
  readonlyRootFilesystem: boolean;
  dockerLabels: Record<string, string>;
  systemControls: { namespace: string; value: string }[];
  healthCheck?: HealthCheckSpec;
  mounts: MountSpec[];
  /** Names of containers (in this task) whose volumes this one mounts. */
  volumesFrom: { sourceContainer: string; readOnly: boolean }[];
  /** Fargate allows only SYS_PTRACE to be added. */
  capabilitiesAdd: string[];
  capabilitiesDrop: string[];
}

export interface TaskLimits {
  /** Task CPU units (1024 = one vCPU). */
  cpu: number;
  /** Task memory in MiB. */
  memory: number;
}

export type PullPolicy = 'always' | 'once' | 'prefer-cached';

/** Registry credentials for a pull (a container's repositoryCredentials, resolved by the execution role). */
export interface RegistryAuth {
  username: string;
  password: string;
}

export interface PulledImage {
  /** The local reference to create containers with (`ContainerSpec.image`): an ECR URI may resolve to `repo:tag`. */
  imageRef: string;
  /** sha256:… digest of the image (RepoDigest when known, else the image id). */
  imageDigest: string;
}

export interface ContainerState {
  running: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  health: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  startedAt: number | null;
  finishedAt: number | null;
}

/** What the runtime reports about containers it owns. */
/**
 * Events of a container whose `startContainer`/`createSandbox` call failed are never reported; events of one that
 * started are reported only after that call has resolved.
 */
export type RuntimeEvent =
  | { kind: 'exited'; taskId: string; containerName: string; dockerId: string; exitCode: number; oomKilled: boolean; at: number }
  | { kind: 'health'; taskId: string; containerName: string; dockerId: string; health: 'HEALTHY' | 'UNHEALTHY'; at: number }
  | { kind: 'sandbox-exited'; taskId: string; dockerId: string; exitCode: number; at: number };

/** A live Docker object of ours, found when the emulator starts (adoption after a restart). */
export interface OwnedContainer {
  taskId: string;
  /** null for the sandbox (pause) container. */
  containerName: string | null;
  dockerId: string;
  state: ContainerState;
}

/** One line a container wrote, with the time the engine received it. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  /** Epoch milliseconds. */
  timestamp: number;
  /** The engine's own timestamp (RFC 3339, nanoseconds): a position in the output to resume after. */
  time: string;
  /** Without its line break. */
  text: string;
}

/** A running read of a container's output; `done` resolves when the output has ended (the container exited). */
export interface OutputFollower {
  done: Promise<void>;
  stop(): void;
}

export interface TaskRuntime {
  /**
   * Follows a container's stdout and stderr in the order written, from its start or from `sinceMs` on, until it
   * exits. Runtimes without it ship no container output to CloudWatch Logs.
   */
  followOutput?(dockerId: string, sinceMs: number | undefined, onLine: (line: OutputLine) => void): OutputFollower;
  /** Whether an engine answers. */
  available(): Promise<boolean>;
  /** Pulls (or resolves locally) an image according to the policy. Throws RuntimeError('CannotPullContainerError', …). */
  ensureImage(image: string, policy: PullPolicy, auth?: RegistryAuth): Promise<PulledImage>;
  /** Creates and starts the pause container and the task's scratch volumes. Cleans up after itself on failure. */
  createSandbox(spec: SandboxSpec, limits: TaskLimits): Promise<SandboxHandle>;
  /**
   * Hands a spare sandbox (made by createSandbox for a `warm-…` id, see domain/warm-pool.ts) to a task: from now on
   * it is that task's (events, removeTask, listOwned), and the task's scratch volumes exist. Runtimes without it
   * get no warm pool.
   */
  claimSandbox?(spareId: string, task: TaskIdentity, scratchVolumes: string[]): Promise<void>;
  /** Creates and starts one task container in the sandbox. Throws RuntimeError('CannotStartContainerError', …). */
  startContainer(task: TaskIdentity, sandbox: SandboxHandle, spec: ContainerSpec): Promise<{ dockerId: string }>;
  /** SIGTERM (or the image's STOPSIGNAL), then SIGKILL after `timeoutSeconds`; resolves when it has exited. */
  stopContainer(dockerId: string, timeoutSeconds: number): Promise<void>;
  /** Sends a signal without waiting. */
  signalContainer(dockerId: string, signal: string): Promise<void>;
  inspectContainer(dockerId: string): Promise<ContainerState | null>;
  /** Removes every container and per-task volume of the task (apps first, then the pause). Idempotent. */
  removeTask(taskId: string): Promise<void>;
  /**
   * One sample of a container's resource usage: the Docker Engine API's stats JSON (`GET /containers/{id}/stats`,
   * one-shot), as the task metadata endpoint serves it. null when the container is gone or not running.
   */
  stats(dockerId: string): Promise<Record<string, unknown> | null>;
  /** Bytes a container has written to its own filesystem layer; null when unknown. */
  writableLayerBytes(dockerId: string): Promise<number | null>;
  /** Every container of ours that exists now, running or not. */
  listOwned(): Promise<OwnedContainer[]>;
  /**
   * Replaces the security group rules in a running sandbox's network namespace. Throws RuntimeError when the
   * rules could not be applied on a host that can enforce them.
   */
  applyFirewall(sandbox: SandboxHandle, policy: FirewallPolicy): Promise<FirewallOutcome>;
  /** Removes this emulator's VPC networks whose names are not in `keep` and that no container uses. */
  pruneNetworks(keepVpcIds: ReadonlySet<string>): Promise<void>;
  /** Subscribes to events of our containers; returns an unsubscribe function. */
  subscribe(listener: (event: RuntimeEvent) => void): () => void;
  close(): Promise<void>;
}

/** A failure the agent reports as a container `reason`: `<name>: <message>`. */
export class RuntimeError extends Error {
  constructor(
    readonly errorName:
      | 'CannotPullContainerError'
      | 'CannotCreateContainerError'
      | 'CannotStartContainerError'
      | 'ResourceInitializationError'
      | 'DockerTimeoutError',
    readonly detail: string,
  ) {
    super(`${errorName}: ${detail}`);
  }
}
