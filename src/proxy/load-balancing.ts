// The load balancers' data plane: every listener of every region as an HTTP reverse proxy on the host, and the
// health checks of the target groups they route to. It follows the store: `changed()` (after each ELBv2 call,
// and after ECS registers or deregisters a service's tasks) starts, moves, reconfigures and stops listeners and
// health checks. A 1 s tick ends deregistration delays. Listeners bind where the API does (loopback by default),
// on their own port if possible, else on another (reported by `listeners()` and in the log).
import http from 'node:http';
import type { LoadBalancingNotifier } from '../domain/elbv2/ports.js';
import { loadBalancersOfTargetGroup } from '../domain/elbv2/records.js';
import { expireDrained } from '../domain/elbv2/targets.js';
import type { Clock } from '../domain/ports.js';
import { scopeKey, type Scope } from '../domain/scope.js';
import type { Logger } from '../logger.js';
import type { RegionState } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { AlbListener, type ListenerSnapshot } from './alb-listener.js';
import { HealthChecker, type CheckedTarget, type HealthVerdict } from './health-checker.js';
import { probe as httpProbe, type ProbeRequest, type ProbeResult } from './health-probe.js';
import { HttpProxy } from './http-proxy.js';
import { bindListener, type PortRange } from './listener-port.js';

export interface ListenerEndpoint {
  listenerArn: string;
  loadBalancerArn: string;
  loadBalancerName: string;
  dnsName: string;
  /** The listener's port in the API. */
  port: number;
  /** Where it is served on this host (differs from `port` when that was taken or privileged). */
  hostPort: number;
  address: string;
  /** e.g. http://name-123.us-east-1.elb.localhost:8080/ */
  url: string;
}

interface Served {
  scope: Scope;
  endpoint: ListenerEndpoint;
  server: http.Server;
  proxy: HttpProxy;
  listener: AlbListener;
}

export interface LoadBalancingDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Address the listeners bind (the API's). */
  host: string;
  probe?: (req: ProbeRequest) => Promise<ProbeResult>;
  /** Whether ports below 1024 may be bound (default: when root). */
  privileged?: boolean;
  /** Serve every listener on the first free port of this range instead of its own (ports published by compose). */
  portRange?: PortRange | null;
}

export type TargetsListener = (scope: Scope) => void;

export class LoadBalancing implements LoadBalancingNotifier {
  private readonly served = new Map<string, Served>();
  private readonly health: HealthChecker;
  private readonly targetListeners = new Set<TargetsListener>();
  private syncing: Promise<void> = Promise.resolve();
  private ticker: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: LoadBalancingDeps) {
    this.health = new HealthChecker({ probe: deps.probe ?? httpProbe, record: (v) => this.recordHealth(v), logger: deps.logger });
  }

  start(): Promise<void> {
    this.ticker = setInterval(() => this.expireDrains(), 1000);
    this.ticker.unref();
    return this.changed();
  }

  /** Calls `listener` whenever a target's health changes or a drained target goes (ECS follows its tasks' targets). */
  onTargetsChanged(listener: TargetsListener): () => void {
    this.targetListeners.add(listener);
    return () => this.targetListeners.delete(listener);
  }

  changed(_scope?: Scope): Promise<void> {
    const next = this.syncing
      .then(() => this.sync())
      .catch((err: unknown) => this.deps.logger.error({ err }, 'load balancer data plane sync failed'));
    this.syncing = next;
    return next;
  }

  listeners(): ListenerEndpoint[] {
    return [...this.served.values()].map((s) => s.endpoint).sort((a, b) => (a.url < b.url ? -1 : 1));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    this.health.close();
    await this.syncing;
    await Promise.all([...this.served.values()].map((s) => this.stopServing(s)));
    this.served.clear();
  }

  private async sync(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, { scope: Scope; state: Readonly<RegionState>; listenerArn: string }>();
    const checked: CheckedTarget[] = [];
    for (const scope of this.deps.store.scopes()) {
      this.deps.store.read(scope, (state) => {
        for (const arn of Object.keys(state.listeners ?? {})) wanted.set(`${scopeKey(scope)}|${arn}`, { scope, state, listenerArn: arn });
        for (const tg of Object.values(state.targetGroups ?? {})) {
          if (!tg.healthCheck.enabled || loadBalancersOfTargetGroup(state, tg.targetGroupArn).length === 0) continue;
          for (const t of tg.targets) {
            if (t.state === 'draining') continue;
            checked.push({ scope, targetGroupArn: tg.targetGroupArn, ip: t.id, port: t.port, settings: tg.healthCheck, state: t.state });
          }
        }
      });
    }
    for (const [key, served] of this.served) {
      const want = wanted.get(key);
      const l = want?.state.listeners[want.listenerArn];
      if (!want || !l || l.port !== served.endpoint.port) {
        this.served.delete(key);
        await this.stopServing(served);
      }
    }
    for (const [key, want] of wanted) {
      const snapshot = this.snapshotOf(want.state, want.listenerArn);
      const served = this.served.get(key);
      if (served) served.listener.snapshot = snapshot;
      else await this.serve(key, want.scope, want.state, want.listenerArn, snapshot);
    }
    this.health.follow(checked);
  }

  private snapshotOf(state: Readonly<RegionState>, listenerArn: string): ListenerSnapshot {
    const l = state.listeners[listenerArn]!;
    const lb = state.loadBalancers[l.loadBalancerArn];
    const rules = Object.values(state.listenerRules)
      .filter((r) => r.listenerArn === listenerArn)
      .sort((a, b) => a.priority - b.priority);
    const targetGroups = new Map<
      string,
      { targetGroupArn: string; healthCheckEnabled: boolean; targets: { ip: string; port: number; state: string }[] }
    >();
    for (const tg of Object.values(state.targetGroups)) {
      targetGroups.set(tg.targetGroupArn, {
        targetGroupArn: tg.targetGroupArn,
        healthCheckEnabled: tg.healthCheck.enabled,
        targets: tg.targets.map((t) => ({ ip: t.id, port: t.port, state: t.state })),
      });
    }
    return {
      port: l.port,
      rules,
      defaultActions: l.defaultActions,
      targetGroups,
      idleTimeoutMs: Number(lb?.attributes['idle_timeout.timeout_seconds'] ?? '60') * 1000,
    };
  }

  private async serve(
    key: string,
    scope: Scope,
    state: Readonly<RegionState>,
    listenerArn: string,
    snapshot: ListenerSnapshot,
  ): Promise<void> {
    const l = state.listeners[listenerArn]!;
    const lb = state.loadBalancers[l.loadBalancerArn]!;
    const listener = new AlbListener(snapshot);
    const proxy = new HttpProxy({
      decide: (req) => listener.decide(req),
      forwardedPort: l.port,
      idleTimeoutMs: () => listener.snapshot.idleTimeoutMs,
      onError: (err, context) => this.deps.logger.warn({ err, listenerArn, context }, 'listener request failed'),
    });
    const server = http.createServer(
      { keepAliveTimeout: Number(lb.attributes['client_keep_alive.seconds'] ?? '3600') * 1000 },
      proxy.handle,
    );
    server.on('upgrade', proxy.upgrade);
    server.on('clientError', (_err, socket) => socket.destroy());
    const hostPort = await bindListener(server, l.port, this.deps.host, this.deps.privileged, this.deps.portRange ?? null);
    const address = this.deps.host === '0.0.0.0' || this.deps.host === '::' ? '127.0.0.1' : this.deps.host;
    const endpoint: ListenerEndpoint = {
      listenerArn,
      loadBalancerArn: lb.loadBalancerArn,
      loadBalancerName: lb.loadBalancerName,
      dnsName: lb.dnsName,
      port: l.port,
      hostPort,
      address,
      url: `http://${lb.dnsName}:${hostPort}/`,
    };
    this.served.set(key, { scope, endpoint, server, proxy, listener });
    if (hostPort !== l.port) {
      this.deps.logger.warn(
        { listenerArn, port: l.port, hostPort, url: endpoint.url },
        `listener port ${l.port} of load balancer ${lb.loadBalancerName} is ${l.port < 1024 ? 'privileged' : 'taken'}: serving it on ${address}:${hostPort}`,
      );
    } else
      this.deps.logger.info({ listenerArn, url: endpoint.url }, `load balancer ${lb.loadBalancerName} listening on ${address}:${hostPort}`);
  }

  private async stopServing(served: Served): Promise<void> {
    await new Promise<void>((resolve) => {
      served.server.close(() => resolve());
      served.server.closeAllConnections();
    });
    served.proxy.close();
  }

  private recordHealth(v: HealthVerdict): void {
    const changed = this.deps.store.update(v.scope, (s) => {
      const target = s.targetGroups[v.targetGroupArn]?.targets.find((t) => t.id === v.ip && t.port === v.port);
      if (!target || target.state === 'draining') return false;
      target.state = v.state;
      if (v.reason) {
        target.reason = v.reason;
        target.description = v.description;
      } else {
        delete target.reason;
        delete target.description;
      }
      return true;
    });
    if (!changed) return;
    void this.changed(v.scope);
    this.announce(v.scope);
  }

  private expireDrains(): void {
    const now = this.deps.clock.now();
    for (const scope of this.deps.store.scopes()) {
      const due = this.deps.store.read(scope, (s) =>
        Object.values(s.targetGroups ?? {}).some((tg) => tg.targets.some((t) => t.state === 'draining' && (t.drainUntil ?? 0) <= now)),
      );
      if (!due) continue;
      this.deps.store.update(scope, (s) => {
        for (const tg of Object.values(s.targetGroups)) expireDrained(tg, now);
      });
      void this.changed(scope);
      this.announce(scope);
    }
  }

  private announce(scope: Scope): void {
    for (const l of this.targetListeners) {
      try {
        l(scope);
      } catch (err) {
        this.deps.logger.warn({ err }, 'target change listener failed');
      }
    }
  }
}
