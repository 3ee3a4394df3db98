// The service scheduler's decisions, as pure functions: given the desired count, the deployment configuration and
// the service's tasks, which tasks to start and which to stop. ECS's rules:
//   - minimumHealthyPercent (rounded up) is the floor of healthy RUNNING tasks while old tasks are replaced; a task
//     with no essential health check counts towards it only once it has been RUNNING for a while (AWS: 40 seconds;
//     DeploymentConfiguration.minimumHealthyPercent in the API reference), so a revision that crashes on start
//     never takes the old tasks down;
//   - maximumPercent (rounded down) is the ceiling of tasks RUNNING or PENDING during a deployment;
//   - only the PRIMARY deployment gets new tasks; a FAILED one gets none;
//   - unhealthy tasks (past the grace period) are replaced; a scale-in stops the least useful tasks first,
//     keeping the capacity provider split the strategy asks for.
// The circuit breaker's threshold: min(max(ceil(0.5 × desired), 3), 200) failed tasks (AWS API reference,
// ServiceDeploymentCircuitBreaker.threshold: "minimum threshold of 3 and a maximum threshold of 200").
import { assignProviders, type StrategyItem } from './capacity-provider-placement.js';
import { FAILED_HEALTH_CHECKS_REASON } from './service-messages.js';
import type { DesiredStatus, HealthStatus, StopCode, TaskStatus } from './task.js';

/** What the scheduler needs to know of one of the service's tasks. */
export interface ServiceTaskView {
  taskId: string;
  deploymentId: string;
  capacityProvider: string;
  lastStatus: TaskStatus;
  desiredStatus: DesiredStatus;
  healthStatus: HealthStatus;
  /** An essential container has a health check: the task must report HEALTHY to count as healthy. */
  healthChecked: boolean;
  startedAt?: number;
  stopCode?: StopCode;
  stoppedReason?: string;
}

/**
 * pending: on its way to RUNNING; starting: RUNNING, not yet healthy (or unhealthy within the grace period);
 * healthy; unhealthy: to be replaced; stopping: asked to stop; stopped.
 */
export type TaskCondition = 'pending' | 'starting' | 'healthy' | 'unhealthy' | 'stopping' | 'stopped';

export function conditionOf(t: ServiceTaskView, now: number, gracePeriodMs: number): TaskCondition {
  if (t.lastStatus === 'STOPPED') return 'stopped';
  if (t.desiredStatus === 'STOPPED') return 'stopping';
  if (t.lastStatus !== 'RUNNING') return 'pending';
  if (!t.healthChecked || t.healthStatus === 'HEALTHY') return 'healthy';
  if (t.healthStatus === 'UNHEALTHY' && now >= (t.startedAt ?? now) + gracePeriodMs) return 'unhealthy';
  return 'starting';
}

export type ClassifiedTask = ServiceTaskView & { condition: TaskCondition };

export interface RolloutInput {
  desiredCount: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  primaryId: string;
  /** False when the primary deployment FAILED: it launches nothing. */
  primaryLaunchable: boolean;
  /** The primary deployment's strategy (providers for new tasks, balance when scaling in). */
  strategy: readonly StrategyItem[];
  tasks: readonly ClassifiedTask[];
  /** Now (epoch ms), for `healthyCountDelayMs`. */
  now?: number;
  /** How long a healthy task with no essential health check must have been RUNNING to count towards the floor. */
  healthyCountDelayMs?: number;
}

export type StopWhy = 'unhealthy' | 'scale-in' | 'replaced';

export interface RolloutPlan {
  /** How many tasks to start for the primary deployment. */
  start: number;
  /** The providers for those tasks, in order. */
  providers: string[];
  stop: { taskId: string; deploymentId: string; why: StopWhy }[];
  /** The deployment configuration allows neither a start nor a stop while the deployment is unfinished. */
  stuck: boolean;
}

export const minimumHealthyOf = (desired: number, percent: number) => Math.ceil((desired * percent) / 100);
export const maximumTasksOf = (desired: number, percent: number) => Math.floor((desired * percent) / 100);

const CONDITION_RANK: Record<TaskCondition, number> = { unhealthy: 0, pending: 1, starting: 2, healthy: 3, stopping: 4, stopped: 5 };

export function planRollout(input: RolloutInput): RolloutPlan {
  const { desiredCount: desired, primaryId } = input;
  const delay = input.healthyCountDelayMs ?? 0;
  const counted = (t: ClassifiedTask) =>
    t.condition === 'healthy' && (t.healthChecked || delay <= 0 || (t.startedAt ?? Infinity) + delay <= (input.now ?? 0));
  const live = input.tasks.filter((t) => t.condition !== 'stopping' && t.condition !== 'stopped');
  const stop: RolloutPlan['stop'] = [];
  const stopped = new Set<string>();
  const stopTask = (t: ClassifiedTask, why: StopWhy) => {
    stop.push({ taskId: t.taskId, deploymentId: t.deploymentId, why });
    stopped.add(t.taskId);
  };

  for (const t of live) if (t.condition === 'unhealthy') stopTask(t, 'unhealthy');
  const keep = () => live.filter((t) => !stopped.has(t.taskId));

  const primary = keep().filter((t) => t.deploymentId === primaryId);
  if (primary.length > desired) {
    for (const t of chooseScaleIn(primary, primary.length - desired, input.strategy, desired)) stopTask(t, 'scale-in');
  }

  const old = keep().filter((t) => t.deploymentId !== primaryId);
  let start = 0;
  if (input.primaryLaunchable) {
    // Old tasks not yet healthy are of no use: stop them at once.
    for (const t of old) if (t.condition !== 'healthy') stopTask(t, 'replaced');
    const oldHealthy = keep().filter((t) => t.deploymentId !== primaryId);
    const healthy = keep().filter(counted).length;
    const floor = minimumHealthyOf(desired, input.minimumHealthyPercent);
    const stoppable = Math.min(oldHealthy.length, Math.max(0, healthy - floor));
    for (const t of chooseScaleIn(oldHealthy, stoppable, [], 0)) stopTask(t, 'replaced');

    const primaryLive = keep().filter((t) => t.deploymentId === primaryId).length;
    const ceiling = oldHealthy.length > 0 || old.length > 0 ? maximumTasksOf(desired, input.maximumPercent) : desired;
    const room = Math.max(ceiling, 0) - keep().length;
    start = Math.max(0, Math.min(desired - primaryLive, room));
  }

  const running: Record<string, number> = {};
  for (const t of keep()) if (t.deploymentId === primaryId) running[t.capacityProvider] = (running[t.capacityProvider] ?? 0) + 1;
  const providers = start > 0 ? assignProviders(input.strategy, start, running) : [];

  const unfinished = old.length > 0 || keep().filter((t) => t.deploymentId === primaryId).length < desired;
  const inFlight = input.tasks.some(
    (t) =>
      t.condition === 'pending' || t.condition === 'starting' || t.condition === 'stopping' || (t.condition === 'healthy' && !counted(t)),
  );
  const stuck = input.primaryLaunchable && unfinished && start === 0 && stop.length === 0 && !inFlight;
  return { start: providers.length, providers, stop, stuck };
}

/**
 * `count` tasks to stop among `tasks`: the least useful first (pending before starting before healthy), and
 * among equals those on the provider furthest above its share of `targetCount` tasks under `strategy`.
 */
export function chooseScaleIn(
  tasks: readonly ClassifiedTask[],
  count: number,
  strategy: readonly StrategyItem[],
  targetCount: number,
): ClassifiedTask[] {
  const target: Record<string, number> = {};
  for (const p of assignProviders(strategy, targetCount)) target[p] = (target[p] ?? 0) + 1;
  const current: Record<string, number> = {};
  for (const t of tasks) current[t.capacityProvider] = (current[t.capacityProvider] ?? 0) + 1;
  const remaining = [...tasks];
  const chosen: ClassifiedTask[] = [];
  while (chosen.length < count && remaining.length > 0) {
    let bestIndex = 0;
    remaining.forEach((t, i) => {
      const best = remaining[bestIndex]!;
      const rank = CONDITION_RANK[t.condition] - CONDITION_RANK[best.condition];
      const surplus =
        current[t.capacityProvider]! -
        (target[t.capacityProvider] ?? 0) -
        (current[best.capacityProvider]! - (target[best.capacityProvider] ?? 0));
      if (rank < 0 || (rank === 0 && surplus > 0)) bestIndex = i;
    });
    const [t] = remaining.splice(bestIndex, 1);
    current[t!.capacityProvider]! -= 1;
    chosen.push(t!);
  }
  return chosen;
}

/** The circuit breaker's failed-task threshold for a deployment of `desiredCount` tasks. */
export function failureThreshold(desiredCount: number): number {
  return Math.min(Math.max(Math.ceil(0.5 * desiredCount), 3), 200);
}

/** Whether a stopped task counts against its deployment: it failed to start, its essential container exited, or it failed health checks. */
export function isFailedTask(t: Pick<ServiceTaskView, 'stopCode' | 'stoppedReason'>): boolean {
  if (t.stopCode === 'TaskFailedToStart' || t.stopCode === 'EssentialContainerExited') return true;
  return t.stopCode === 'ServiceSchedulerInitiated' && t.stoppedReason === FAILED_HEALTH_CHECKS_REASON;
}

/** The primary deployment runs `desired` healthy tasks and no other deployment has a task left. */
export function isDeploymentComplete(desired: number, primaryId: string, tasks: readonly ClassifiedTask[]): boolean {
  const primary = tasks.filter((t) => t.deploymentId === primaryId && t.condition !== 'stopping' && t.condition !== 'stopped');
  const others = tasks.filter((t) => t.deploymentId !== primaryId && t.condition !== 'stopped');
  return others.length === 0 && primary.length === desired && primary.every((t) => t.condition === 'healthy');
}

/** Steady state: the desired number of healthy tasks and nothing pending (tasks on their way out do not count). */
export function isSteady(desired: number, primaryId: string, tasks: readonly ClassifiedTask[]): boolean {
  const live = tasks.filter((t) => t.condition !== 'stopping' && t.condition !== 'stopped');
  return live.length === desired && live.every((t) => t.deploymentId === primaryId && t.condition === 'healthy');
}
