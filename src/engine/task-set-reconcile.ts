// One scheduler pass over a service on the EXTERNAL or CODE_DEPLOY deployment controller: each task set is kept at
// its computed desired count (its scale of the service's desiredCount) with its own task definition, network and
// target groups, unhealthy tasks are replaced, a DRAINING task set is scaled in and removed once its tasks are
// gone, and each task set's stability status follows its tasks. Runs inside the scheduler's store update.
import { isFailedTask, planRollout, type ClassifiedTask } from '../domain/deployment.js';
import { launchBackoffMs, type ServiceRecord } from '../domain/ecs-service.js';
import { serviceLoadBalancers, type ServiceLoadBalancer, type TaskTargetHealth } from '../domain/service-load-balancing.js';
import { serviceMessages } from '../domain/service-messages.js';
import { computedDesiredCountOf, stabilityOf, type TaskSetRecord } from '../domain/task-set.js';
import type { RegionState } from '../store/schema.js';
import {
  applyStops,
  followTargets,
  serviceTasks,
  startTasks,
  strategyOf,
  type LbsOf,
  type ReconcileEffects,
  type ReconcileEnv,
  type Say,
} from './service-reconcile.js';

export function reconcileTaskSets(state: RegionState, svc: ServiceRecord, env: ReconcileEnv, say: Say, effects: ReconcileEffects): void {
  const sets = svc.taskSets ?? [];
  const lbsBySet = new Map<string, ServiceLoadBalancer[]>(sets.map((ts) => [ts.id, serviceLoadBalancers(ts.loadBalancers)]));
  const lbsOf: LbsOf = (task) => (task.startedBy ? (lbsBySet.get(task.startedBy) ?? []) : []);
  followTargets(state, svc, lbsOf, env, say, effects);
  const targetHealth = new Map<string, TaskTargetHealth>();
  const tasks = serviceTasks(state, svc, env.now, lbsOf, targetHealth, new Set(sets.map((ts) => ts.id)));
  const desired = svc.status === 'DRAINING' ? 0 : svc.desiredCount;
  let anyStarted = false;
  for (const ts of sets) {
    const mine = tasks.filter((t) => t.deploymentId === ts.id);
    judgeStopped(svc, ts, mine, env.now);
    const computed = ts.status === 'DRAINING' ? 0 : computedDesiredCountOf(desired, ts.scale.value);
    if (ts.computedDesiredCount !== computed) {
      ts.computedDesiredCount = computed;
      ts.updatedAt = env.now;
    }
    const plan = planRollout({
      desiredCount: computed,
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      primaryId: ts.id,
      primaryLaunchable: svc.status === 'ACTIVE' && ts.status !== 'DRAINING',
      strategy: strategyOf(ts),
      tasks: mine,
      now: env.now,
      healthyCountDelayMs: env.healthyCountDelayMs,
    });
    applyStops(state, svc, plan.stop, lbsOf, targetHealth, env, say, effects);
    const throttled = plan.providers.length > 0 && (svc.launchNotBefore ?? 0) > env.now;
    const started = throttled ? [] : startTasks(state, svc, ts, plan.providers, mine, env, say, effects);
    if (started.length > 0) {
      say(serviceMessages.startedTasks(svc.serviceName, started, plan.stop.filter((s) => s.why === 'unhealthy').length));
      anyStarted = true;
    }
    const stopping = new Set(plan.stop.map((s) => s.taskId));
    const counts = countsOf(mine, stopping);
    const stability = stabilityOf(computed, counts.healthy, counts.pending + started.length, counts.stopping);
    if (ts.stabilityStatus !== stability) {
      ts.stabilityStatus = stability;
      ts.stabilityStatusAt = env.now;
    }
  }
  // A drained task set goes once none of its tasks is left.
  svc.taskSets = sets.filter((ts) => ts.status !== 'DRAINING' || tasks.some((t) => t.deploymentId === ts.id && t.condition !== 'stopped'));

  const steady = svc.status === 'ACTIVE' && !anyStarted && svc.taskSets.every((ts) => ts.stabilityStatus === 'STEADY_STATE');
  if (steady && !svc.steady) {
    say(serviceMessages.steadyState(svc.serviceName));
    effects.notices.push({ kind: 'service-action', eventName: 'SERVICE_STEADY_STATE', eventType: 'INFO' });
  }
  if (svc.steady !== steady) svc.steady = steady;
  if (svc.status === 'DRAINING' && tasks.every((t) => t.condition === 'stopped')) {
    svc.status = 'INACTIVE';
    svc.inactiveAt = env.now;
    svc.taskSets = [];
  }
}

/** The task set's tasks after this pass's stops: healthy, on their way up, on their way down. */
function countsOf(mine: readonly ClassifiedTask[], stopping: ReadonlySet<string>) {
  const counts = { healthy: 0, pending: 0, stopping: 0 };
  for (const t of mine) {
    if (t.condition === 'stopped') continue;
    if (stopping.has(t.taskId) || t.condition === 'stopping') counts.stopping++;
    else if (t.condition === 'healthy') counts.healthy++;
    else counts.pending++;
  }
  return counts;
}

/** Failed launches of a task set count towards the service's launch throttle, each stopped task once. */
function judgeStopped(svc: ServiceRecord, ts: TaskSetRecord, mine: readonly ClassifiedTask[], now: number): void {
  const stopped = mine.filter((t) => t.condition === 'stopped');
  const fresh = stopped.filter((t) => !ts.judgedTaskIds.includes(t.taskId));
  if (fresh.length === 0 && ts.judgedTaskIds.length === stopped.length) return;
  const failed = fresh.filter((t) => isFailedTask(t)).length;
  if (failed > 0) {
    svc.launchFailures = (svc.launchFailures ?? 0) + failed;
    const wait = launchBackoffMs(svc.launchFailures);
    if (wait > 0) svc.launchNotBefore = now + wait;
  }
  ts.judgedTaskIds = stopped.map((t) => t.taskId);
}
