// DockerTaskRuntime: the TaskRuntime port on a Docker engine. A task is a pause container (netns owner, on its
// subnet network with the ENI's static IP, connected to the internal agent network before it starts) plus app
// containers joined with NetworkMode container:<pause>. Every object carries our labels, scoped by instanceId.
import type Dockerode from 'dockerode';
import type { FirewallPolicy } from '../domain/network/firewall-policy.js';
import type { Clock } from '../domain/ports.js';
import {
  RuntimeError,
  type ContainerSpec,
  type ContainerState,
  type FirewallOutcome,
  type OutputFollower,
  type OutputLine,
  type OwnedContainer,
  type PublishedPort,
  type PulledImage,
  type PullPolicy,
  type RegistryAuth,
  type RuntimeEvent,
  type SandboxHandle,
  type SandboxSpec,
  type TaskIdentity,
  type TaskLimits,
  type TaskRuntime,
} from '../domain/task-runtime.js';
import { isSpareId } from '../domain/warm-pool.js';
import type { Logger } from '../logger.js';
import { appContainerOptions, FARGATE_DEFAULT_NOFILE, pauseContainerOptions } from './container-config.js';
import { followContainerOutput } from './container-output.js';
import { daemonErrorDetail, ignoreNotFound, isNotFound, statusCodeOf } from './docker-errors.js';
import { DockerEventStream, type DockerEvent } from './docker-events.js';
import { ImageResolver } from './images.js';
import { labelFilter, LABEL_CONTAINER_NAME, LABEL_INSTANCE, LABEL_ROLE, LABEL_TASK_ID } from './labels.js';
import { toContainerState, toHealth } from './map-inspect.js';
import { NetworkManager, type AgentNetworkSpec } from './networks.js';
import { vpcNetworkDockerName } from './names.js';
import { StartGate } from './start-gate.js';
import { TaskFirewall } from './task-firewall.js';
import { ensurePauseImage } from './pause-image-import.js';
import { ensureEfsVolume, ensureScratchVolumes, removeScratchVolumes } from './volumes.js';

/** Task limits ride on the pause container, so apps started after an emulator restart get them too. */
const LABEL_TASK_CPU = 'fargate-local.task-cpu';
const LABEL_TASK_MEMORY = 'fargate-local.task-memory';

export interface DockerTaskRuntimeDeps {
  docker: Dockerode;
  /** Scopes every object (label fargate-local.instance) so several emulators can share an engine. */
  instanceId: string;
  logger: Logger;
  clock: Clock;
  /** The shared agent network; the default suits an emulator running on the host. */
  agentNetwork?: AgentNetworkSpec;
  /** Image with iptables to pull when none can be built from this host's (null: never pull). */
  firewallPullImage?: string | null;
  /** The emulator's own container, where it runs in one (the compose deployment): it joins every VPC network. */
  selfContainer?: string;
}

export class DockerTaskRuntime implements TaskRuntime {
  private readonly docker: Dockerode;
  private readonly instanceId: string;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly networks: NetworkManager;
  private readonly images: ImageResolver;
  private readonly firewall: TaskFirewall;
  private readonly gate = new StartGate();
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  private readonly events: DockerEventStream;
  private readonly oomSeen = new Set<string>();
  private eventQueue: Promise<void> = Promise.resolve();
  private pauseImage: Promise<string> | null = null;
  private hostCpus: Promise<number> | null = null;
  /** Spare sandboxes handed to tasks: spare id → task id, and back. */
  private readonly claimedBy = new Map<string, string>();
  private readonly spareOf = new Map<string, string>();
  /** Fargate's nofile default, until the engine shows it cannot grant it (its own hard limit is lower). */
  private defaultNofile: number | null = FARGATE_DEFAULT_NOFILE;

  constructor(deps: DockerTaskRuntimeDeps) {
    this.docker = deps.docker;
    this.instanceId = deps.instanceId;
    this.logger = deps.logger.child({ module: 'runtime' });
    this.clock = deps.clock;
    this.networks = new NetworkManager(deps.docker, deps.instanceId, deps.agentNetwork, this.logger, deps.selfContainer);
    this.images = new ImageResolver(deps.docker, this.logger);
    this.firewall = new TaskFirewall(deps.docker, deps.instanceId, this.images, this.logger, { pullImage: deps.firewallPullImage });
    this.events = new DockerEventStream(deps.docker, deps.instanceId, this.logger, (e) => this.enqueue(e));
  }

  async available(): Promise<boolean> {
    try {
      await this.docker.ping();
      return true;
    } catch {
      return false;
    }
  }

  ensureImage(image: string, policy: PullPolicy, auth?: RegistryAuth): Promise<PulledImage> {
    return this.images.ensure(image, policy, auth);
  }

  async createSandbox(spec: SandboxSpec, limits: TaskLimits): Promise<SandboxHandle> {
    const { taskId } = spec.task;
    // allSettled: a failure must not leave a network creation running behind this call's back.
    const [image, agent, lease] = await Promise.allSettled([
      this.ensurePauseImage(),
      this.networks.ensureAgentNetwork(),
      this.networks.lease(spec.subnet),
    ]);
    const release = lease.status === 'fulfilled' ? lease.value : () => {};
    try {
      for (const r of [image, agent, lease]) {
        if (r.status === 'rejected') {
          throw r.reason instanceof RuntimeError ? r.reason : new RuntimeError('ResourceInitializationError', daemonErrorDetail(r.reason));
        }
      }
      const pauseImage = (image as PromiseFulfilledResult<string>).value;
      if (spec.subnet.internal && spec.publishedPorts?.length) {
        this.logger.warn(
          { taskId, network: vpcNetworkDockerName(this.instanceId, spec.subnet.vpcId) },
          'Docker publishes no ports from an internal network',
        );
      }
      try {
        return await this.startSandbox(spec, limits, pauseImage);
      } catch (err) {
        // A fixed host port someone else holds: publish on ports Docker chooses instead.
        const fixed = spec.publishedPorts?.some((p) => p.hostPort !== 0);
        if (!(fixed && err instanceof RuntimeError && /port is already allocated|address already in use/i.test(err.detail))) throw err;
        this.logger.info({ taskId }, 'a host port is taken; publishing the task’s ports on ports Docker chooses');
        return await this.startSandbox(
          { ...spec, publishedPorts: spec.publishedPorts!.map((p) => ({ ...p, hostPort: 0 })) },
          limits,
          pauseImage,
        );
      }
    } finally {
      release();
    }
  }

  /** Creates the pause container, connects it to the agent network, starts it and applies the security groups. */
  private async startSandbox(spec: SandboxSpec, limits: TaskLimits, pauseImage: string): Promise<SandboxHandle> {
    const { taskId } = spec.task;
    const options = pauseContainerOptions(this.instanceId, spec, pauseImage);
    const dns = await spec.resolvers?.().catch(() => undefined);
    if (dns?.length) options.HostConfig = { ...options.HostConfig, Dns: dns };
    options.Labels = { ...options.Labels, [LABEL_TASK_CPU]: String(limits.cpu), [LABEL_TASK_MEMORY]: String(limits.memory) };
    const pending = this.gate.open(options.name!);
    let containerId: string | null = null;
    try {
      await ensureScratchVolumes(this.docker, this.instanceId, spec.task, spec.scratchVolumes);
      const container = await this.docker.createContainer(options);
      containerId = container.id;
      // Before start: no task process may ever run without the agent network catching link-local traffic.
      await this.docker.getNetwork(this.networks.agent.name).connect({ Container: container.id });
      await container.start();
      const info = await container.inspect();
      const agentIp = info.NetworkSettings.Networks[this.networks.agent.name]?.IPAddress;
      if (!info.State.Running || !agentIp) throw new Error(`pause container of task ${taskId} is not running on the agent network`);
      // Before any app container starts: the security groups are in place.
      const firewall = spec.firewall ? await this.firewall.apply(container.id, spec.firewall, info.State.Pid, true) : undefined;
      pending.settle(true);
      this.logger.debug({ taskId, containerId, agentIp, firewall }, 'sandbox started');
      return {
        pauseContainerId: container.id,
        agentIpv4Address: agentIp,
        ...(spec.publishedPorts?.length ? { publishedPorts: publishedPortsOf(spec, info) } : {}),
        ...(firewall ? { firewall } : {}),
      };
    } catch (err) {
      pending.settle(false, containerId);
      await this.cleanup(taskId, containerId, true);
      if (err instanceof RuntimeError) throw err;
      throw new RuntimeError('ResourceInitializationError', daemonErrorDetail(err));
    }
  }

  async claimSandbox(spareId: string, task: TaskIdentity, scratchVolumes: string[]): Promise<void> {
    this.claimedBy.set(spareId, task.taskId);
    this.spareOf.set(task.taskId, spareId);
    try {
      await ensureScratchVolumes(this.docker, this.instanceId, task, scratchVolumes);
    } catch (err) {
      throw new RuntimeError('ResourceInitializationError', daemonErrorDetail(err));
    }
  }

  applyFirewall(sandbox: SandboxHandle, policy: FirewallPolicy): Promise<FirewallOutcome> {
    return this.firewall.apply(sandbox.pauseContainerId, policy);
  }

  pruneNetworks(keepVpcIds: ReadonlySet<string>): Promise<void> {
    return this.networks.prune(keepVpcIds);
  }

  async startContainer(task: TaskIdentity, sandbox: SandboxHandle, spec: ContainerSpec): Promise<{ dockerId: string }> {
    const [limits, hostCpus] = await Promise.all([sandbox.limits ?? this.sandboxLimits(sandbox), this.cpus()]);
    for (const m of spec.mounts) {
      if (m.kind === 'efs') await ensureEfsVolume(this.docker, this.instanceId, m.source, m.rootDirectory ?? '/');
    }
    for (;;) {
      const defaultNofile = this.defaultNofile;
      const options = appContainerOptions(
        { instanceId: this.instanceId, task, pauseContainerId: sandbox.pauseContainerId, limits, hostCpus, defaultNofile },
        spec,
      );
      try {
        return await this.createAndStart(task.taskId, options);
      } catch (err) {
        // An engine whose own nofile hard limit is below 65535 cannot grant Fargate's default: run without it.
        const usedDefault = defaultNofile !== null && !spec.ulimits.some((u) => u.name === 'nofile');
        if (!(usedDefault && err instanceof RuntimeError && /rlimit type 7\b/.test(err.detail))) throw err;
        this.defaultNofile = null;
        this.logger.warn('the Docker engine cannot grant nofile 65535 (Fargate’s default); containers keep the engine’s limit');
      }
    }
  }

  private async createAndStart(taskId: string, options: Dockerode.ContainerCreateOptions): Promise<{ dockerId: string }> {
    const pending = this.gate.open(options.name!);
    let containerId: string | null = null;
    try {
      const container = await this.create(options);
      containerId = container.id;
      try {
        await container.start();
      } catch (err) {
        throw new RuntimeError('CannotStartContainerError', daemonErrorDetail(err));
      }
      pending.settle(true);
      return { dockerId: container.id };
    } catch (err) {
      pending.settle(false, containerId);
      await this.cleanup(taskId, containerId, false);
      if (err instanceof RuntimeError) throw err;
      throw new RuntimeError('CannotCreateContainerError', daemonErrorDetail(err));
    }
  }

  async stopContainer(dockerId: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(dockerId).stop({ t: Math.max(0, Math.round(timeoutSeconds)) });
    } catch (err) {
      // 304: already stopped; 404: already gone.
      if (statusCodeOf(err) !== 304 && !isNotFound(err)) throw err;
    }
  }

  async signalContainer(dockerId: string, signal: string): Promise<void> {
    try {
      await this.docker.getContainer(dockerId).kill({ signal });
    } catch (err) {
      // 409: not running; 404: gone. Either way there is nobody to signal.
      if (statusCodeOf(err) !== 409 && !isNotFound(err)) throw err;
    }
  }

  async inspectContainer(dockerId: string): Promise<ContainerState | null> {
    try {
      return toContainerState(await this.docker.getContainer(dockerId).inspect());
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async stats(dockerId: string): Promise<Record<string, unknown> | null> {
    try {
      const container = this.docker.getContainer(dockerId);
      // one-shot: one sample at once, without Docker's 1 s wait to fill precpu_stats.
      return (await container.stats({ stream: false, 'one-shot': true })) as unknown as Record<string, unknown>;
    } catch (err) {
      if (isNotFound(err) || statusCodeOf(err) === 409) return null;
      throw err;
    }
  }

  async writableLayerBytes(dockerId: string): Promise<number | null> {
    try {
      // dockerode passes the options on as the query (?size=true: Docker computes SizeRw).
      const inspectWithSize = { size: true } as Dockerode.ContainerInspectOptions;
      const info = (await this.docker.getContainer(dockerId).inspect(inspectWithSize)) as { SizeRw?: number };
      return typeof info.SizeRw === 'number' ? info.SizeRw : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async removeTask(taskId: string): Promise<void> {
    const list = (id: string) =>
      this.docker.listContainers({ all: true, filters: labelFilter({ [LABEL_INSTANCE]: this.instanceId, [LABEL_TASK_ID]: id }) });
    // A task on a spare sandbox: the sandbox carries the spare's id.
    const spareId = this.spareOf.get(taskId);
    const containers = [...(await list(taskId)), ...(spareId ? await list(spareId) : [])];
    const remove = (id: string) => ignoreNotFound(() => this.docker.getContainer(id).remove({ force: true, v: true }));
    // Apps first: removing the pause first would leave apps running in a netns with only `lo`.
    await Promise.all(containers.filter((c) => c.Labels[LABEL_ROLE] !== 'pause').map((c) => remove(c.Id)));
    await Promise.all(containers.filter((c) => c.Labels[LABEL_ROLE] === 'pause').map((c) => remove(c.Id)));
    for (const c of containers) this.firewall.forget(c.Id);
    await removeScratchVolumes(this.docker, this.instanceId, taskId);
    if (spareId) {
      this.spareOf.delete(taskId);
      this.claimedBy.delete(spareId);
    }
  }

  async listOwned(): Promise<OwnedContainer[]> {
    const containers = await this.docker.listContainers({ all: true, filters: labelFilter({ [LABEL_INSTANCE]: this.instanceId }) });
    // A spare sandbox a task's app containers joined is that task's (after a restart, this is how it is known).
    for (const c of containers) {
      const mode = (c.HostConfig as { NetworkMode?: string } | undefined)?.NetworkMode ?? '';
      const taskId = c.Labels[LABEL_TASK_ID];
      if (c.Labels[LABEL_ROLE] !== 'app' || !mode.startsWith('container:') || !taskId) continue;
      const sandbox = containers.find((p) => p.Id === mode.slice('container:'.length));
      const spareId = sandbox?.Labels[LABEL_TASK_ID];
      if (spareId && isSpareId(spareId) && !this.claimedBy.has(spareId)) {
        this.claimedBy.set(spareId, taskId);
        this.spareOf.set(taskId, spareId);
      }
    }
    const owned = await Promise.all(
      containers.map(async (c): Promise<OwnedContainer | null> => {
        const state = await this.inspectContainer(c.Id);
        const labelled = c.Labels[LABEL_TASK_ID];
        const taskId = labelled && (this.claimedBy.get(labelled) ?? labelled);
        const role = c.Labels[LABEL_ROLE];
        if (!state || !taskId || (role !== 'pause' && role !== 'app')) return null;
        return {
          taskId,
          containerName: c.Labels[LABEL_ROLE] === 'pause' ? null : (c.Labels[LABEL_CONTAINER_NAME] ?? null),
          dockerId: c.Id,
          state,
        };
      }),
    );
    return owned.filter((o): o is OwnedContainer => o !== null);
  }

  followOutput(dockerId: string, sinceMs: number | undefined, onLine: (line: OutputLine) => void): OutputFollower {
    return followContainerOutput(this.docker, dockerId, sinceMs, onLine, this.logger);
  }

  subscribe(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    void this.events.start();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once the event stream is open (tests: so no event of what they start next is missed). */
  eventsReady(): Promise<void> {
    return this.events.start();
  }

  async close(): Promise<void> {
    this.events.stop();
    this.listeners.clear();
    await this.eventQueue;
  }

  private async create(options: Dockerode.ContainerCreateOptions): Promise<Dockerode.Container> {
    try {
      return await this.docker.createContainer(options);
    } catch (err) {
      throw new RuntimeError('CannotCreateContainerError', daemonErrorDetail(err));
    }
  }

  /** Removes what a failed start left (a Created container; for a sandbox, its scratch volumes too). */
  private async cleanup(taskId: string, containerId: string | null, sandbox: boolean): Promise<void> {
    try {
      if (containerId) {
        await ignoreNotFound(() => this.docker.getContainer(containerId).remove({ force: true, v: true }));
        this.firewall.forget(containerId);
      }
      if (sandbox) await removeScratchVolumes(this.docker, this.instanceId, taskId);
    } catch (err) {
      this.logger.warn({ err, taskId, containerId }, 'cleaning up after a failed start failed');
    }
  }

  private async sandboxLimits(sandbox: SandboxHandle): Promise<TaskLimits> {
    let labels: Record<string, string>;
    try {
      const info = await this.docker.getContainer(sandbox.pauseContainerId).inspect();
      if (!info.State.Running) throw new RuntimeError('CannotStartContainerError', 'the task’s network sandbox is not running');
      labels = info.Config.Labels ?? {};
    } catch (err) {
      if (err instanceof RuntimeError) throw err;
      throw new RuntimeError('CannotStartContainerError', daemonErrorDetail(err));
    }
    return { cpu: Number(labels[LABEL_TASK_CPU] ?? 0), memory: Number(labels[LABEL_TASK_MEMORY] ?? 0) };
  }

  private ensurePauseImage(): Promise<string> {
    this.pauseImage ??= ensurePauseImage(this.docker).catch((err: unknown) => {
      this.pauseImage = null;
      throw err instanceof RuntimeError ? err : new RuntimeError('ResourceInitializationError', daemonErrorDetail(err));
    });
    return this.pauseImage;
  }

  private cpus(): Promise<number> {
    this.hostCpus ??= this.docker.info().then(
      (info: { NCPU?: number }) => info.NCPU ?? 1,
      (err: unknown) => {
        this.hostCpus = null;
        throw new RuntimeError('CannotCreateContainerError', daemonErrorDetail(err));
      },
    );
    return this.hostCpus;
  }

  /** Events are handled one at a time, in order, so an exit never overtakes the health change before it. */
  private enqueue(event: DockerEvent): void {
    this.eventQueue = this.eventQueue
      .then(() => this.handle(event))
      .catch((err: unknown) => this.logger.error({ err }, 'runtime event failed'));
  }

  private async handle(event: DockerEvent): Promise<void> {
    const id = event.Actor.ID;
    const attrs = event.Actor.Attributes;
    if (event.Action === 'oom') {
      this.oomSeen.add(id);
      return;
    }
    // Hold events of a container whose create/start call is still running; drop those of a failed start.
    if (!(await this.gate.admits(attrs.name ?? '', id))) return;
    const labelled = attrs[LABEL_TASK_ID];
    if (!labelled) return;
    const taskId = this.claimedBy.get(labelled) ?? labelled;
    const at = Math.floor(event.timeNano / 1e6) || this.clock.now();
    const isPause = attrs[LABEL_ROLE] === 'pause';
    const containerName = attrs[LABEL_CONTAINER_NAME] ?? '';
    if (event.Action === 'die') {
      const exitCode = Number(attrs.exitCode ?? -1);
      if (isPause) return this.emit({ kind: 'sandbox-exited', taskId, dockerId: id, exitCode, at });
      const oomKilled = (await this.inspectContainer(id).catch(() => null))?.oomKilled ?? this.oomSeen.has(id);
      this.oomSeen.delete(id);
      return this.emit({ kind: 'exited', taskId, containerName, dockerId: id, exitCode, oomKilled, at });
    }
    if (event.Action.startsWith('health_status') && !isPause) {
      const health = toHealth(event.Action.split(':')[1]?.trim());
      if (health !== 'UNKNOWN') this.emit({ kind: 'health', taskId, containerName, dockerId: id, health, at });
    }
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error({ err, event }, 'runtime event listener failed');
      }
    }
  }
}

/** The published ports as Docker bound them (the host ports it chose for hostPort 0). */
function publishedPortsOf(spec: SandboxSpec, info: Dockerode.ContainerInspectInfo): PublishedPort[] {
  const bound = (info.NetworkSettings.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
  return (spec.publishedPorts ?? []).map((p) => {
    const binding =
      bound[`${p.containerPort}/${p.protocol}`]?.find((b) => b.HostIp === p.hostIp) ?? bound[`${p.containerPort}/${p.protocol}`]?.[0];
    return { ...p, hostPort: binding ? Number(binding.HostPort) : p.hostPort };
  });
}
