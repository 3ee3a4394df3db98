// Fargate Spot interruptions, on demand (control API, CLI) or at random (a rate per Spot task-hour, for soak tests).
// An interruption records stopCode SpotInterruption and "Your Spot Task was interrupted." as the task's stop
// (observers see lastStatus RUNNING, desiredStatus STOPPED: the warning), then SIGTERMs every container at once
// and SIGKILLs what still runs after the grace period; each container keeps the exit code it really exited with.
import type { Config } from '../config.js';
import type { Clock } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import { interruptedDuring, pickRandom, shareOf, SPOT_INTERRUPTION_REASON, SPOT_PROVIDER } from '../domain/spot.js';
import type { TaskRecord } from '../domain/task.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { TaskEngine } from './task-engine.js';
import { liveTasks } from '../store/queries.js';

const RANDOM_CHECK_MS = 10_000;

export interface SpotInterrupterContext {
  config: Config;
  store: Store;
  logger: Logger;
  tasks: TaskEngine;
  clock: Clock;
  random?: () => number;
  /** Drains the task from its load balancers' target groups before it gets SIGTERM. */
  drainTargets?: (scope: Scope, taskId: string) => void;
}

export type InterruptionTarget =
  | { kind: 'task'; clusterArn: string; taskId: string }
  | { kind: 'service'; clusterArn: string; serviceName: string; percent: number }
  | { kind: 'all'; clusterArn?: string };

export class SpotInterruptError extends Error {}

export class SpotInterrupter {
  private timer: NodeJS.Timeout | null = null;
  private lastCheck = 0;
  private readonly random: () => number;

  constructor(private readonly ctx: SpotInterrupterContext) {
    this.random = ctx.random ?? Math.random;
  }

  /** Starts the random interruptions when a rate is configured. */
  start(): void {
    if (this.ctx.config.spotInterruptionRatePerHour <= 0) return;
    this.lastCheck = this.ctx.clock.now();
    this.timer = setInterval(() => this.interruptAtRandom(), RANDOM_CHECK_MS);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Interrupts the running Spot tasks the target names; returns them as stored after the interruption was recorded. */
  interrupt(scope: Scope, target: InterruptionTarget): TaskRecord[] {
    const candidates = this.ctx.store.read(scope, (s) => liveTasks(s).filter(isInterruptible));
    let chosen: TaskRecord[];
    if (target.kind === 'task') {
      const task = this.ctx.store.read(scope, (s) => s.tasks[target.taskId]);
      if (!task || task.clusterArn !== target.clusterArn) throw new SpotInterruptError('The referenced task was not found.');
      if (task.capacityProviderName !== SPOT_PROVIDER) throw new SpotInterruptError('The task does not run on FARGATE_SPOT.');
      if (!isInterruptible(task)) throw new SpotInterruptError('The task is not running.');
      chosen = [task];
    } else if (target.kind === 'service') {
      const mine = candidates.filter((t) => t.clusterArn === target.clusterArn && t.group === `service:${target.serviceName}`);
      chosen = pickRandom(mine, shareOf(mine.length, target.percent), this.random);
    } else {
      chosen = candidates.filter((t) => !target.clusterArn || t.clusterArn === target.clusterArn);
    }
    return chosen.map((t) => this.interruptTask(scope, t.taskId) ?? t);
  }

  private interruptTask(scope: Scope, taskId: string): TaskRecord | undefined {
    this.ctx.logger.info({ taskId }, 'Spot interruption');
    this.ctx.drainTargets?.(scope, taskId);
    return this.ctx.tasks.stop(scope, taskId, 'SpotInterruption', SPOT_INTERRUPTION_REASON, {
      graceSeconds: this.ctx.config.spotGraceMs / 1000,
      allAtOnce: true,
    });
  }

  private interruptAtRandom(): void {
    const now = this.ctx.clock.now();
    const elapsed = now - this.lastCheck;
    this.lastCheck = now;
    for (const scope of this.ctx.store.scopes()) {
      const running = this.ctx.store.read(scope, (s) => liveTasks(s).filter(isInterruptible));
      for (const t of running) {
        if (interruptedDuring(this.ctx.config.spotInterruptionRatePerHour, elapsed, this.random)) this.interruptTask(scope, t.taskId);
      }
    }
  }
}

/** A Spot task that runs and is not already on its way out. */
function isInterruptible(t: TaskRecord): boolean {
  return t.capacityProviderName === SPOT_PROVIDER && t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING';
}
