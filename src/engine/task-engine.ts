// The task engine: runs each task's work in its own serial lane (launch steps, container events, stop), bounds
// concurrent launches with a pool, reacts to Docker events (no polling per task), and on start-up reconciles the
// store with the containers that really exist.
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Scope } from '../domain/scope.js';
import { taskHealth } from '../domain/container-dependencies.js';
import { ESSENTIAL_CONTAINER_EXITED, requestStop } from '../domain/task-lifecycle.js';
import type { OwnedContainer, RuntimeEvent } from '../domain/task-runtime.js';
import type { StopCode, TaskRecord } from '../domain/task.js';
import { purgeDeletedTaskDefinitions } from '../domain/task-definition-lifecycle.js';
import { getTask, taskDefinitionOf, updateTask, type EngineContext, type TaskChange } from './engine-context.js';
import { FirewallSync } from './firewall-sync.js';
import { createSandbox, provisionEni, pullImages, startReadyContainers } from './task-launch.js';
import { recordExit, stopTask, type StopOptions } from './task-stop.js';
import { prepareTask } from './task-preparation.js';
import { liveTasks, stoppedTasks } from '../store/queries.js';
import { isSpareId } from '../domain/warm-pool.js';
import { WarmPool } from './warm-pool.js';

/**
 * stopCode InfrastructureHealth and this reason: a task that had reached RUNNING and lost its task network
 * namespace (the pause container), as when the Docker engine restarts, stopped for a platform reason, not because
 * it failed to start. [I] the stop code AWS added for tasks stopped over the health of the infrastructure.
 */
export const PLATFORM_STOP_REASON = 'Task stopped due to an issue with the underlying infrastructure.';

const SWEEP_INTERVAL_MS = 60_000;
/** Stopped tasks forgotten per update by the retention sweep. */
const SWEEP_SLICE = 250;
const PRUNE_DELAY_MS = 1_000;
const CLOSE_GRACE_MS = 5_000;
/**
 * Task removals at once. Docker 20.10 (before .27) can deadlock when many containers exit and leave their networks
 * together (moby/moby#42545); a mass stop removes its tasks a few at a time.
 */
const CONCURRENT_REMOVALS = 4;

export class TaskEngine {
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly scopesByTask = new Map<string, Scope>();
  private readonly stopOptions = new Map<string, StopOptions>();
  private readonly launchPool: LimitFunction;
  private readonly pool: WarmPool;
  private launching = 0;
  private readonly launchWaiters: (() => void)[] = [];
  private readonly removalPool: LimitFunction;
  private readonly firewall: FirewallSync;
  private pruning: Promise<void> | null = null;
  private pruneAgain = false;
  /** Aborted by close(): ends the wait before the next pass of network clean-up at once. */
  private readonly closing = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private closed = false;
  private readonly observers = new Set<(change: TaskChange) => void>();
  private readonly ctx: EngineContext;

  private readonly networkPruneDelayMs: number;

  /** `networkPruneDelayMs`: how long network clean-up waits after the last change that asks for it (tests shorten it). */
  constructor(ctx: EngineContext, options: { networkPruneDelayMs?: number } = {}) {
    this.networkPruneDelayMs = options.networkPruneDelayMs ?? PRUNE_DELAY_MS;
    this.ctx = { ...ctx, taskChanged: (change) => this.notify(change) };
    this.launchPool = pLimit(ctx.config.launchConcurrency);
    this.removalPool = pLimit(CONCURRENT_REMOVALS);
    this.firewall = new FirewallSync(ctx);
    this.pool = new WarmPool(this.ctx, this.firewall, () => this.launchesIdle());
  }

  /** The warm pool of ready sandboxes (tests and benchmarks read its state). */
  get warmPool(): WarmPool {
    return this.pool;
  }

  /** Calls `observer` after every stored change of any task (and once when a task is submitted); returns an unsubscribe. */
  onTaskChanged(observer: (change: TaskChange) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private notify(change: TaskChange): void {
    for (const observer of this.observers) {
      try {
        observer(change);
      } catch (err) {
        this.ctx.logger.error({ err, taskId: change.task.taskId }, 'task observer failed');
      }
    }
  }

  /** Subscribes to runtime events, adopts what survived a restart, and starts the retention sweeper. */
  async start(): Promise<void> {
    this.unsubscribe = this.ctx.runtime.subscribe((event) => this.onRuntimeEvent(event));
    await this.reconcile();
    this.sweeper = setInterval(() => void this.sweepExpired(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Starts launching a task already stored as PROVISIONING. Returns at once. */
  submit(scope: Scope, taskId: string): void {
    this.scopesByTask.set(taskId, scope);
    const task = getTask(this.ctx, scope, taskId);
    if (task) this.notify({ scope, task, previous: null });
    this.enqueue(taskId, () => this.launch(scope, taskId));
  }

  /** Records the stop request (the first one wins) and takes the task down in the background. */
  stop(scope: Scope, taskId: string, stopCode: StopCode, reason: string, options: StopOptions = {}): TaskRecord | undefined {
    const task = updateTask(this.ctx, scope, taskId, (t) => {
      if (t.lastStatus !== 'STOPPED') requestStop(t, stopCode, reason, this.ctx.clock.now());
    });
    if (task && task.lastStatus !== 'STOPPED') {
      this.scopesByTask.set(taskId, scope);
      if (!this.stopOptions.has(taskId)) this.stopOptions.set(taskId, options);
      this.enqueue(taskId, () => this.progress(scope, taskId));
    }
    return task;
  }

  /**
   * A VPC's security groups, subnets or VPC changed (EC2 API): running tasks get their rules re-checked, and
   * Docker networks of VPCs without tasks go. Returns at once.
   */
  networkChanged(scope: Scope, vpcId: string): void {
    void this.firewall.vpcChanged(scope, vpcId);
    this.pool.refill();
    this.pruneNetworks();
  }

  /** Resolves when every lane has drained (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.lanes.size > 0) await Promise.allSettled([...this.lanes.values()]);
  }

  /** Resolves once security group updates and network clean-up have caught up (tests). */
  async networkIdle(): Promise<void> {
    await this.firewall.idle();
    while (this.pruning) await this.pruning;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping;
    await this.pool.close();
    this.closing.abort();
    // Let network work in flight finish, but never hang a shutdown on a Docker call that does not return
    // (Docker 20.10 can deadlock on network listings): the next start-up prunes what is left.
    await Promise.race([this.networkIdle(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
  }

  private enqueue(taskId: string, work: () => Promise<void>): void {
    const previous = this.lanes.get(taskId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.closed ? undefined : work()))
      .catch((err) => this.ctx.logger.error({ err, taskId }, 'task work failed'))
      .finally(() => {
        if (this.lanes.get(taskId) === next) this.lanes.delete(taskId);
      });
    this.lanes.set(taskId, next);
  }

  private async launch(scope: Scope, taskId: string): Promise<void> {
    this.launching += 1;
    try {
      await this.launchPool(async () => {
        const pool = this.pool.enabled ? this.pool : undefined;
        const spare = provisionEni(this.ctx, scope, taskId, pool);
        await createSandbox(this.ctx, scope, taskId, this.firewall, spare && { claimed: spare, pool: this.pool });
        await prepareTask(this.ctx, scope, taskId);
        await pullImages(this.ctx, scope, taskId);
        await startReadyContainers(this.ctx, scope, taskId);
      });
    } finally {
      this.launching -= 1;
      if (this.launching === 0) {
        for (const resolve of this.launchWaiters.splice(0)) resolve();
      }
    }
    this.pool.refill();
    await this.progress(scope, taskId);
  }

  /** Resolves when no launch is under way (the warm pool refills only then). */
  private launchesIdle(): Promise<void> {
    if (this.launching === 0) return Promise.resolve();
    return new Promise((resolve) => this.launchWaiters.push(resolve));
  }

  /** Whatever the task needs next: the stop path when it is to stop, else any container now ready to start. */
  private async progress(scope: Scope, taskId: string): Promise<void> {
    const task = getTask(this.ctx, scope, taskId);
    if (!task || task.lastStatus === 'STOPPED') return;
    if (task.desiredStatus === 'STOPPED') {
      await stopTask(this.ctx, scope, taskId, this.stopOptions.get(taskId), this.removalPool);
      this.stopOptions.delete(taskId);
      if (getTask(this.ctx, scope, taskId)?.lastStatus === 'STOPPED') this.deprovisioned(scope, task);
      return;
    }
    await startReadyContainers(this.ctx, scope, taskId);
    const after = getTask(this.ctx, scope, taskId);
    if (after?.desiredStatus === 'STOPPED' && after.lastStatus !== 'STOPPED') await this.progress(scope, taskId);
  }

  /** The task's ENI is gone: its address leaves the rules of the VPC's other tasks; an unused network goes. */
  private deprovisioned(scope: Scope, task: TaskRecord): void {
    this.firewall.forget(task.taskId);
    if (task.attachment.networkInterfaceId) void this.firewall.vpcChanged(scope, task.attachment.vpcId);
    this.pruneNetworks();
  }

  /**
   * Removes the Docker networks of VPCs where no ENI is left, `networkPruneDelayMs` after the last call (a mass stop makes one
   * pass, not one per task: listing networks while many containers exit is what Docker 20.10's network controller
   * deadlocks on, moby/moby#42545); one pass at a time.
   */
  private pruneNetworks(): void {
    this.pruneAgain = true;
    if (this.pruning) return;
    this.pruning = (async () => {
      while (this.pruneAgain && !this.closed) {
        this.pruneAgain = false;
        await sleep(this.networkPruneDelayMs, undefined, { ref: false, signal: this.closing.signal }).catch(() => {});
        // Closing: the next start-up prunes what is left.
        if (this.closed) break;
        if (this.pruneAgain) continue;
        await this.ctx.runtime
          .pruneNetworks(this.networksInUse())
          .catch((err) => this.ctx.logger.warn({ err }, 'removing unused networks failed'));
      }
    })().finally(() => {
      this.pruning = null;
    });
  }

  /** Every VPC where an ENI is left: their networks stay. */
  private networksInUse(): Set<string> {
    const keep = new Set<string>();
    for (const scope of this.ctx.store.scopes()) {
      for (const vpcId of this.ctx.store.read(scope, (s) => Object.values(s.networkInterfaces).map((eni) => eni.vpcId))) keep.add(vpcId);
    }
    return keep;
  }

  /**
   * After a reset has dropped these tasks' records: forgets them, removes their containers, then every VPC network
   * no ENI uses any more. Resolves once Docker has done both.
   */
  async discard(taskIds: readonly string[]): Promise<void> {
    for (const id of taskIds) {
      this.scopesByTask.delete(id);
      this.stopOptions.delete(id);
      this.firewall.forget(id);
      // A launch in flight may still make containers (a sandbox already being created): once its work ends, whatever
      // it made goes too. The reset does not wait for it (an image pull can take minutes).
      const lane = this.lanes.get(id);
      if (lane) {
        void lane
          .then(() => this.removalPool(() => this.ctx.runtime.removeTask(id)))
          .catch((err) => this.ctx.logger.warn({ err, taskId: id }, 'removing what a reset task made late failed'));
      }
    }
    await Promise.all(
      taskIds.map((id) =>
        this.removalPool(() => this.ctx.runtime.removeTask(id)).catch((err) =>
          this.ctx.logger.warn({ err, taskId: id }, 'removing a reset task failed'),
        ),
      ),
    );
    await this.pool.clear();
    await this.ctx.runtime
      .pruneNetworks(this.networksInUse())
      .catch((err) => this.ctx.logger.warn({ err }, 'removing unused networks failed'));
  }

  private onRuntimeEvent(event: RuntimeEvent): void {
    const scope = this.scopesByTask.get(event.taskId);
    if (!scope) return;
    this.enqueue(event.taskId, async () => {
      this.applyEvent(scope, event);
      await this.progress(scope, event.taskId);
    });
  }

  private applyEvent(scope: Scope, event: RuntimeEvent): void {
    const now = this.ctx.clock.now();
    updateTask(this.ctx, scope, event.taskId, (t) => {
      if (event.kind === 'sandbox-exited') {
        if (t.lastStatus !== 'STOPPED' && t.sandbox?.pauseContainerId === event.dockerId) {
          // A task that had started did not fail to start: it lost its platform (an engine restart, for example).
          if (t.startedAt !== undefined) requestStop(t, 'InfrastructureHealth', PLATFORM_STOP_REASON, now);
          else requestStop(t, 'TaskFailedToStart', 'ResourceInitializationError: the task network namespace (pause container) exited', now);
        }
        return;
      }
      // Events of an earlier attempt's containers (a launch resumed after a restart) are not this task's news.
      const c = t.containers.find((x) => x.name === event.containerName && x.dockerId === event.dockerId);
      if (!c) return;
      if (event.kind === 'exited') {
        if (c.lastStatus === 'STOPPED' && c.exitCode !== undefined) return;
        recordExit(c, event.exitCode, event.oomKilled);
        t.version += 1;
        if (c.essential && t.desiredStatus === 'RUNNING') requestStop(t, 'EssentialContainerExited', ESSENTIAL_CONTAINER_EXITED, now);
      } else if (event.kind === 'health') {
        if (c.healthStatus === event.health) return;
        c.healthStatus = event.health;
        t.healthStatus = taskHealth(t.containers);
        t.version += 1;
      }
    });
  }

  /** After a restart: adopt live tasks, apply exits missed while down, resume launches, remove orphans. */
  private async reconcile(): Promise<void> {
    const owned = await this.ctx.runtime.listOwned().catch((err) => {
      this.ctx.logger.warn({ err }, 'cannot list containers; tasks are not reconciled');
      return null;
    });
    if (!owned) return;
    const byTask = new Map<string, OwnedContainer[]>();
    for (const o of owned) byTask.set(o.taskId, [...(byTask.get(o.taskId) ?? []), o]);
    const live = this.ctx.store.scopes().map((scope) => ({ scope, tasks: this.ctx.store.read(scope, (s) => liveTasks(s)) }));
    const known = new Set(live.flatMap((l) => l.tasks.map((t) => t.taskId)));
    // Orphans first: spare sandboxes of the last run hold addresses that the launches resumed below may be given.
    for (const taskId of byTask.keys()) {
      const orphan = !known.has(taskId) && (isSpareId(taskId) || !this.ctx.config.keepStoppedContainers);
      if (orphan) {
        await this.ctx.runtime.removeTask(taskId).catch((err) => this.ctx.logger.warn({ err, taskId }, 'orphan removal failed'));
      }
    }
    for (const { scope, tasks } of live) {
      for (const task of tasks) {
        this.scopesByTask.set(task.taskId, scope);
        await this.adopt(scope, task, byTask.get(task.taskId) ?? []);
      }
    }
    this.pruneNetworks();
  }

  private async adopt(scope: Scope, task: TaskRecord, containers: OwnedContainer[]): Promise<void> {
    const now = this.ctx.clock.now();
    const sandbox = containers.find((c) => c.containerName === null);
    const launching = task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING';
    if (task.desiredStatus === 'RUNNING' && launching) {
      // Interrupted mid-launch: clear what was half-made and launch again from the ENI (which is kept).
      await this.ctx.runtime.removeTask(task.taskId);
      updateTask(this.ctx, scope, task.taskId, (t) => {
        t.sandbox = undefined;
        t.pullStoppedAt = undefined;
        for (const c of t.containers) Object.assign(c, { started: false, lastStatus: 'PENDING', dockerId: undefined });
      });
      this.enqueue(task.taskId, () => this.launch(scope, task.taskId));
      return;
    }
    updateTask(this.ctx, scope, task.taskId, (t) => {
      if (!sandbox?.state.running && t.desiredStatus === 'RUNNING') {
        if (t.startedAt !== undefined) requestStop(t, 'InfrastructureHealth', PLATFORM_STOP_REASON, now);
        else
          requestStop(
            t,
            'TaskFailedToStart',
            'ResourceInitializationError: the task containers disappeared while fargate-local was not running',
            now,
          );
      }
      for (const c of t.containers) {
        const live = containers.find((o) => o.containerName === c.name);
        if (c.lastStatus === 'STOPPED') continue;
        if (!live) {
          if (c.started) recordExit(c, 137, false);
        } else if (!live.state.running) {
          recordExit(c, live.state.exitCode ?? 137, live.state.oomKilled);
          if (c.essential && t.desiredStatus === 'RUNNING') requestStop(t, 'EssentialContainerExited', ESSENTIAL_CONTAINER_EXITED, now);
        } else {
          c.healthStatus = live.state.health;
        }
      }
      t.healthStatus = taskHealth(t.containers);
    });
    // Output keeps flowing to CloudWatch Logs from where it left off (exited containers: what is left of it).
    const td = this.ctx.containerLogs ? taskDefinitionOf(this.ctx, scope, task) : undefined;
    for (const live of containers) {
      const record = task.containers.find((c) => c.name === live.containerName && c.dockerId === live.dockerId);
      if (td && record) this.ctx.containerLogs?.attach(scope, task, td, record.name, live.dockerId);
    }
    this.enqueue(task.taskId, () => this.progress(scope, task.taskId));
  }

  /**
   * Forgets stopped tasks past their retention, a slice at a time with the event loop free in between (10,000
   * expiring at once never stall the API), then task definition revisions deleted and no longer used.
   */
  sweepExpired(): Promise<void> {
    this.sweeping ??= this.sweepExpiredSlices()
      .catch((err) => this.ctx.logger.warn({ err }, 'expiry sweep failed'))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sweepExpiredSlices(): Promise<void> {
    const cutoff = this.ctx.clock.now() - this.ctx.config.stoppedTaskRetentionMs;
    const expired = (t: TaskRecord | undefined) => t?.lastStatus === 'STOPPED' && (t.stoppedAt ?? 0) < cutoff;
    for (const scope of this.ctx.store.scopes()) {
      const ids = this.ctx.store.read(scope, (s) =>
        stoppedTasks(s)
          .filter(expired)
          .map((t) => t.taskId),
      );
      for (let i = 0; i < ids.length; i += SWEEP_SLICE) {
        this.ctx.store.update(scope, (s) => {
          for (const id of ids.slice(i, i + SWEEP_SLICE)) {
            const t = s.tasks[id];
            if (!t || !expired(t)) continue;
            delete s.tasks[id];
            delete s.tags[t.taskArn];
            this.scopesByTask.delete(id);
          }
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
      const deleting = this.ctx.store.read(scope, (s) => Object.values(s.taskDefinitions).some((d) => d.status === 'DELETE_IN_PROGRESS'));
      if (!deleting) continue;
      const used = this.ctx.store.read(
        scope,
        (s) =>
          new Set([
            ...Object.values(s.tasks).map((t) => t.taskDefinitionArn),
            ...Object.values(s.services).flatMap((svc) => svc.deployments.map((d) => d.taskDefinition)),
            ...Object.values(s.services).flatMap((svc) => (svc.taskSets ?? []).map((t) => t.taskDefinition)),
          ]),
      );
      this.ctx.store.update(scope, (s) => purgeDeletedTaskDefinitions(s, (arn) => used.has(arn)));
    }
  }
}
