// Health checks per target, as each target group configures them: the first check as soon as the target is
// registered to a group that serves a load balancer, then one per interval. Consecutive results move the target
// between ELB's states (initial → healthy after the healthy threshold of successes, → unhealthy after the
// unhealthy threshold of failures, and back), and each change of state or reason is written to the store.
import type { HealthCheckSettings } from '../domain/elbv2/records.js';
import type { Scope } from '../domain/scope.js';
import type { Logger } from '../logger.js';
import type { ProbeRequest, ProbeResult } from './health-probe.js';

export interface CheckedTarget {
  scope: Scope;
  targetGroupArn: string;
  ip: string;
  port: number;
  settings: HealthCheckSettings;
  state: string;
}

export interface HealthVerdict {
  scope: Scope;
  targetGroupArn: string;
  ip: string;
  port: number;
  state: 'initial' | 'healthy' | 'unhealthy';
  reason?: string;
  description?: string;
}

interface Running {
  target: CheckedTarget;
  key: string;
  timer: NodeJS.Timeout | null;
  successes: number;
  failures: number;
  state: string;
  lastReason?: string;
  stopped: boolean;
}

export class HealthChecker {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly deps: {
      probe(req: ProbeRequest): Promise<ProbeResult>;
      /** Records a target's new health (state or reason changed). */
      record(verdict: HealthVerdict): void;
      logger: Logger;
    },
  ) {}

  /** Checks exactly these targets from now on (new ones start at once; changed settings restart). */
  follow(targets: readonly CheckedTarget[]): void {
    const wanted = new Map(targets.map((t) => [this.keyOf(t), t]));
    for (const [key, run] of this.running) {
      if (!wanted.has(key)) this.stop(run);
    }
    for (const [key, target] of wanted) {
      const run = this.running.get(key);
      if (run) {
        run.target = target;
        continue;
      }
      this.begin(key, target);
    }
  }

  close(): void {
    for (const run of this.running.values()) this.stop(run);
  }

  private keyOf(t: CheckedTarget): string {
    return `${t.scope.accountId}/${t.scope.region}|${t.targetGroupArn}|${t.ip}:${t.port}|${JSON.stringify(t.settings)}`;
  }

  private begin(key: string, target: CheckedTarget): void {
    const run: Running = { target, key, timer: null, successes: 0, failures: 0, state: target.state, stopped: false };
    this.running.set(key, run);
    if (run.state === 'initial') this.emit(run, 'initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress');
    void this.check(run);
  }

  private stop(run: Running): void {
    run.stopped = true;
    if (run.timer) clearTimeout(run.timer);
    this.running.delete(run.key);
  }

  private async check(run: Running): Promise<void> {
    if (run.stopped) return;
    const s = run.target.settings;
    const port = s.port === 'traffic-port' ? run.target.port : Number(s.port);
    const result = await this.deps.probe({ ip: run.target.ip, port, path: s.path, timeoutMs: s.timeoutSeconds * 1000, matcher: s.matcher });
    if (run.stopped) return;
    if (result.ok) {
      run.successes += 1;
      run.failures = 0;
      if (run.state !== 'healthy' && run.successes >= s.healthyThresholdCount) this.emit(run, 'healthy');
    } else {
      run.failures += 1;
      run.successes = 0;
      const becomes = run.state === 'unhealthy' || run.failures >= s.unhealthyThresholdCount;
      if (becomes && (run.state !== 'unhealthy' || run.lastReason !== result.reason))
        this.emit(run, 'unhealthy', result.reason, result.description);
    }
    run.timer = setTimeout(() => void this.check(run), s.intervalSeconds * 1000);
    run.timer.unref();
  }

  private emit(run: Running, state: HealthVerdict['state'], reason?: string, description?: string): void {
    run.state = state;
    run.lastReason = reason;
    const { scope, targetGroupArn, ip, port } = run.target;
    try {
      this.deps.record({ scope, targetGroupArn, ip, port, state, ...(reason ? { reason, description } : {}) });
    } catch (err) {
      this.deps.logger.warn({ err, targetGroupArn, target: `${ip}:${port}` }, 'recording target health failed');
    }
  }
}
