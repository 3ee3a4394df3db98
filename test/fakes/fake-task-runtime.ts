// An in-memory TaskRuntime for engine unit tests: containers "run" until told to exit, events fire on command.
import type { FirewallPolicy } from '../../src/domain/network/firewall-policy.js';
import type {
  ContainerSpec,
  FirewallOutcome,
  ContainerState,
  OwnedContainer,
  PulledImage,
  RegistryAuth,
  RuntimeEvent,
  SandboxHandle,
  SandboxSpec,
  TaskIdentity,
  TaskRuntime,
} from '../../src/domain/task-runtime.js';
import { RuntimeError } from '../../src/domain/task-runtime.js';

interface FakeContainer {
  dockerId: string;
  taskId: string;
  name: string | null;
  spec?: ContainerSpec;
  state: ContainerState;
  /** Exit code when stopped by SIGTERM; null = ignores SIGTERM (killed at the timeout: 137). */
  onTerm: number | null;
}

export class FakeTaskRuntime implements TaskRuntime {
  readonly containers = new Map<string, FakeContainer>();
  readonly calls: string[] = [];
  missingImages = new Set<string>();
  failingStarts = new Set<string>();
  /** The firewall policy last applied per pause container id. */
  readonly firewalls = new Map<string, FirewallPolicy>();
  /** Sandbox specs by task id, as the engine asked for them. */
  readonly sandboxes = new Map<string, SandboxSpec>();
  /** Exit code per container name when SIGTERM arrives; absent = exits 143 quickly. */
  termBehaviour = new Map<string, number | null>();
  /**
   * Exit code per image whose container exits at once: already exited when the start call returns, its event
   * arriving a few milliseconds later (as Docker's event stream does).
   */
  exitOnStart = new Map<string, number>();
  /** Awaited before a sandbox is made: a test holds a launch in the middle with it. */
  beforeSandbox: ((taskId: string) => Promise<void>) | null = null;
  private listeners = new Set<(e: RuntimeEvent) => void>();
  private seq = 0;

  async available() {
    return true;
  }

  async ensureImage(image: string, _policy?: string, auth?: RegistryAuth): Promise<PulledImage> {
    this.calls.push(auth ? `pull ${image} as ${auth.username}` : `pull ${image}`);
    if (this.missingImages.has(image)) {
      throw new RuntimeError('CannotPullContainerError', `pull access denied for ${image}, repository does not exist`);
    }
    return { imageRef: image, imageDigest: `sha256:${'0'.repeat(63)}1` };
  }

  async createSandbox(spec: SandboxSpec): Promise<SandboxHandle> {
    await this.beforeSandbox?.(spec.task.taskId);
    const dockerId = this.nextId();
    this.calls.push(`sandbox ${spec.task.taskId} ${spec.ipv4Address}`);
    this.sandboxes.set(spec.task.taskId, spec);
    this.containers.set(dockerId, { dockerId, taskId: spec.task.taskId, name: null, state: running(), onTerm: 0 });
    if (spec.firewall) this.firewalls.set(dockerId, spec.firewall);
    return {
      pauseContainerId: dockerId,
      agentIpv4Address: `169.254.1.${this.seq}`,
      ...(spec.publishedPorts ? { publishedPorts: spec.publishedPorts.map((p, i) => ({ ...p, hostPort: p.hostPort || 49000 + i })) } : {}),
      ...(spec.firewall ? { firewall: 'enforced' as const } : {}),
    };
  }

  async startContainer(task: TaskIdentity, _sandbox: SandboxHandle, spec: ContainerSpec) {
    this.calls.push(`start ${spec.name}`);
    if (this.failingStarts.has(spec.name)) {
      throw new RuntimeError('CannotStartContainerError', 'Error response from daemon: failed to create shim task');
    }
    const dockerId = this.nextId();
    const onTerm = this.termBehaviour.has(spec.name) ? this.termBehaviour.get(spec.name)! : 143;
    this.containers.set(dockerId, { dockerId, taskId: task.taskId, name: spec.name, spec, state: running(), onTerm });
    const crash = this.exitOnStart.get(spec.image);
    if (crash !== undefined) this.exit(dockerId, crash, false, 5);
    return { dockerId };
  }

  async stopContainer(dockerId: string, timeoutSeconds: number) {
    const c = this.containers.get(dockerId);
    if (!c?.state.running) return;
    this.calls.push(`stop ${c.name} t=${timeoutSeconds}`);
    this.exit(dockerId, c.onTerm ?? 137, false);
  }

  async signalContainer(dockerId: string, signal: string) {
    this.calls.push(`signal ${this.containers.get(dockerId)?.name} ${signal}`);
    // SIGKILL ends the process at once, as the kernel would.
    if (['SIGKILL', 'KILL', '9'].includes(signal) && this.containers.get(dockerId)?.state.running) this.exit(dockerId, 137, false);
  }

  async inspectContainer(dockerId: string) {
    return this.containers.get(dockerId)?.state ?? null;
  }

  async removeTask(taskId: string) {
    this.calls.push(`remove ${taskId}`);
    for (const [id, c] of this.containers) if (c.taskId === taskId) this.containers.delete(id);
  }

  async stats(dockerId: string): Promise<Record<string, unknown> | null> {
    const c = this.containers.get(dockerId);
    if (!c?.state.running) return null;
    return { read: new Date().toISOString(), id: dockerId, cpu_stats: { cpu_usage: { total_usage: 1000 } }, memory_stats: { usage: 4096 } };
  }

  async writableLayerBytes(dockerId: string): Promise<number | null> {
    return this.containers.has(dockerId) ? 3 * 1024 * 1024 : null;
  }

  async listOwned(): Promise<OwnedContainer[]> {
    return [...this.containers.values()].map((c) => ({ taskId: c.taskId, containerName: c.name, dockerId: c.dockerId, state: c.state }));
  }

  async applyFirewall(sandbox: SandboxHandle, policy: FirewallPolicy): Promise<FirewallOutcome> {
    this.firewalls.set(sandbox.pauseContainerId, policy);
    this.calls.push(`firewall ${sandbox.pauseContainerId}`);
    return 'enforced';
  }

  async pruneNetworks(keepVpcIds: ReadonlySet<string>) {
    this.calls.push(`prune ${[...keepVpcIds].sort().join(',')}`);
  }

  subscribe(listener: (e: RuntimeEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close() {}

  // ---- test controls ----

  idOf(taskId: string, name: string): string {
    const c = [...this.containers.values()].find((x) => x.taskId === taskId && x.name === name);
    if (!c) throw new Error(`no container ${name} in ${taskId}`);
    return c.dockerId;
  }

  /** The container's process exits on its own (its event follows after `eventDelayMs`, or in a microtask). */
  exit(dockerId: string, exitCode: number, oomKilled: boolean, eventDelayMs?: number) {
    const c = this.containers.get(dockerId)!;
    c.state = { ...c.state, running: false, exitCode, oomKilled, finishedAt: Date.now() };
    const event: RuntimeEvent =
      c.name === null
        ? { kind: 'sandbox-exited', taskId: c.taskId, dockerId, exitCode, at: Date.now() }
        : { kind: 'exited', taskId: c.taskId, containerName: c.name, dockerId, exitCode, oomKilled, at: Date.now() };
    if (eventDelayMs === undefined) queueMicrotask(() => this.emit(event));
    else setTimeout(() => this.emit(event), eventDelayMs);
  }

  health(dockerId: string, health: 'HEALTHY' | 'UNHEALTHY') {
    const c = this.containers.get(dockerId)!;
    c.state = { ...c.state, health };
    this.emit({ kind: 'health', taskId: c.taskId, containerName: c.name!, dockerId, health, at: Date.now() });
  }

  private emit(e: RuntimeEvent) {
    for (const l of this.listeners) l(e);
  }

  private nextId() {
    this.seq += 1;
    return `fake${String(this.seq).padStart(60, '0')}`;
  }
}

function running(): ContainerState {
  return { running: true, exitCode: null, oomKilled: false, health: 'UNKNOWN', startedAt: Date.now(), finishedAt: null };
}
