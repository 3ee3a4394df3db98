// The service scheduler: a reconcile loop driven by events. A service is looked at again whenever one of its tasks
// changes, whenever it is created, updated or deleted, whenever a fault is set or cleared, and on a slow tick (for
// grace periods and retries). Passes run one at a time; each is one synchronous store update (service-reconcile.ts)
// followed by its effects. While the control plane is "down" (a fault), nothing is scheduled; running tasks run on.
import type { Config } from '../config.js';
import type { LoadBalancingNotifier } from '../domain/elbv2/ports.js';
import { serviceKey, type ServiceRecord } from '../domain/ecs-service.js';
import type { Clock, Ids } from '../domain/ports.js';
import { scopeKey, type Scope } from '../domain/scope.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { FaultRegistry } from './fault-registry.js';
import { reconcileService, type SchedulerNotice } from './service-reconcile.js';
import type { TaskEngine } from './task-engine.js';

export interface SchedulerContext {
  config: Config;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  tasks: TaskEngine;
  faults: FaultRegistry;
  /** The load balancers' data plane, told when the scheduler registers or deregisters targets. */
  loadBalancing?: LoadBalancingNotifier;
}

export type NoticeListener = (scope: Scope, service: Pick<ServiceRecord, 'serviceArn' | 'clusterArn'>, notice: SchedulerNotice) => void;

const SERVICE_GROUP_PREFIX = 'service:';

export class ServiceScheduler {
  private readonly dirty = new Map<string, { scope: Scope; key: string }>();
  private readonly listeners = new Set<NoticeListener>();
  private readonly unsubscribe: (() => void)[] = [];
  private pass: NodeJS.Immediate | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private sweepsRun = 0;
  private sweepWaiters: { at: number; resolve: () => void }[] = [];
  private closed = false;
  private readonly wakeups = new Map<string, { at: number; timer: NodeJS.Timeout }>();

  constructor(private readonly ctx: SchedulerContext) {}

  start(): void {
    this.unsubscribe.push(
      this.ctx.tasks.onTaskChanged(({ scope, task }) => {
        if (task.group.startsWith(SERVICE_GROUP_PREFIX)) this.poke(scope, task.clusterName, task.group.slice(SERVICE_GROUP_PREFIX.length));
      }),
      this.ctx.faults.onChange(() => this.pokeAll()),
      // Target health changed or a deregistration delay ended: the services of that region look again.
      ...(this.ctx.loadBalancing ? [this.ctx.loadBalancing.onTargetsChanged((scope) => this.pokeScope(scope))] : []),
    );
    this.ticker = setInterval(() => this.sweep(), this.ctx.config.serviceSchedulerIntervalMs);
    this.ticker.unref();
    this.pokeAll();
  }

  /** Marks a service for a look; the pass runs soon, once, however many times it was poked. */
  poke(scope: Scope, clusterName: string, serviceName: string): void {
    if (this.closed) return;
    const key = serviceKey(clusterName, serviceName);
    this.dirty.set(`${scopeKey(scope)}|${key}`, { scope, key });
    this.schedulePass();
  }

  /** Calls `listener` with each EventBridge-worthy notice (deployment state, steady state, placement failures). */
  onNotice(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Passes a notice decided outside a pass (a deployment started by CreateService/UpdateService) to the listeners. */
  announce(scope: Scope, service: Pick<ServiceRecord, 'serviceArn' | 'clusterArn'>, notice: SchedulerNotice): void {
    for (const l of this.listeners) {
      try {
        l(scope, service, notice);
      } catch (err) {
        this.ctx.logger.warn({ err }, 'scheduler notice listener failed');
      }
    }
  }

  /** Resolves once no service is waiting for a look (tests). */
  idle(): Promise<void> {
    if (this.dirty.size === 0 && !this.pass) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once `count` more periodic sweeps (a look at every service, on the timer) have run to completion. Tests
   * that prove nothing happens (no relaunch, no repeated message) wait on these rather than on wall time.
   */
  afterSweeps(count: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.sweepWaiters.push({ at: this.sweepsRun + count, resolve }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.sweepWaiters.splice(0)) w.resolve();
    for (const u of this.unsubscribe) u();
    if (this.ticker) clearInterval(this.ticker);
    for (const w of this.wakeups.values()) clearTimeout(w.timer);
    this.wakeups.clear();
    if (this.pass) clearImmediate(this.pass);
    this.pass = null;
    this.dirty.clear();
    this.wakeIdle();
  }

  private pokeScope(scope: Scope): void {
    const live = this.ctx.store.read(scope, (s) =>
      Object.values(s.services).filter((v) => v.status !== 'INACTIVE' && (v.loadBalancers.length > 0 || v.gatewayConnector !== undefined)),
    );
    for (const svc of live) this.poke(scope, svc.clusterName, svc.serviceName);
  }

  private sweep(): void {
    this.pokeAll();
    this.sweepsRun++;
    const due = this.sweepWaiters.filter((w) => w.at <= this.sweepsRun);
    if (due.length === 0) return;
    this.sweepWaiters = this.sweepWaiters.filter((w) => w.at > this.sweepsRun);
    void this.idle().then(() => {
      for (const w of due) w.resolve();
    });
  }

  private pokeAll(): void {
    for (const scope of this.ctx.store.scopes()) {
      const live = this.ctx.store.read(scope, (s) => Object.values(s.services).filter((v) => v.status !== 'INACTIVE'));
      for (const svc of live) this.poke(scope, svc.clusterName, svc.serviceName);
      this.purgeInactive(scope);
    }
  }

  private schedulePass(): void {
    if (this.pass || this.closed) return;
    this.pass = setImmediate(() => {
      this.pass = null;
      this.runPass();
    });
  }

  private runPass(): void {
    if (this.ctx.faults.outage()) {
      // The control plane is down: keep the work for when it is back (a fault change pokes everything).
      this.dirty.clear();
      this.wakeIdle();
      return;
    }
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    for (const { scope, key } of batch) {
      try {
        this.reconcile(scope, key);
      } catch (err) {
        this.ctx.logger.error({ err, service: key }, 'service reconcile failed');
      }
    }
    if (this.dirty.size > 0) this.schedulePass();
    else this.wakeIdle();
  }

  private reconcile(scope: Scope, key: string): void {
    const effects = this.ctx.store.update(scope, (state) =>
      reconcileService(state, key, {
        scope,
        now: this.ctx.clock.now(),
        ids: this.ctx.ids,
        capacityAvailable: (p) => this.ctx.faults.capacityAvailable(p),
        healthyCountDelayMs: this.ctx.config.minimumHealthyDelayMs,
        timeScale: this.ctx.config.deploymentTimeScale,
      }),
    );
    if (effects.wakeAt !== undefined && effects.service) this.wakeAt(scope, key, effects.wakeAt);
    if (effects.targetsChanged) void this.ctx.loadBalancing?.changed(scope);
    for (const s of effects.stop) this.ctx.tasks.stop(scope, s.taskId, s.stopCode, s.reason);
    for (const id of effects.submit) this.ctx.tasks.submit(scope, id);
    if (!effects.service) return;
    for (const notice of effects.notices) this.announce(scope, effects.service, notice);
  }

  /** Looks at the service again at `at` (a deployment wait ends); one timer per service, the earliest kept. */
  private wakeAt(scope: Scope, key: string, at: number): void {
    if (this.closed) return;
    const id = `${scopeKey(scope)}|${key}`;
    const existing = this.wakeups.get(id);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.wakeups.delete(id);
        this.dirty.set(id, { scope, key });
        this.schedulePass();
      },
      Math.max(0, at - this.ctx.clock.now()),
    );
    timer.unref();
    this.wakeups.set(id, { at, timer });
  }

  /** INACTIVE services stay describable for the stopped-task retention period, then go. */
  private purgeInactive(scope: Scope): void {
    const cutoff = this.ctx.clock.now() - this.ctx.config.stoppedTaskRetentionMs;
    const expired = this.ctx.store.read(scope, (s) =>
      Object.entries(s.services)
        .filter(([, v]) => v.status === 'INACTIVE' && (v.inactiveAt ?? 0) < cutoff)
        .map(([k, v]) => [k, v.serviceArn] as const),
    );
    if (expired.length === 0) return;
    this.ctx.store.update(scope, (s) => {
      for (const [k, arn] of expired) {
        delete s.services[k];
        delete s.tags[arn];
      }
    });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
