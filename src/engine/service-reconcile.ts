// One pass of the service scheduler over one service, inside one store update: judge stopped tasks for the
// circuit breaker (and roll back), plan starts and stops, create the new task records, write the service's events
// and deployment states. Returns what must happen outside the update (submitting and stopping tasks, EventBridge
// notices). Deterministic given the state, the time, the ids and the capacity on offer.
import { gatewayLoadBalancers } from '../domain/gateway-route.js';
import { capacityProviderArn, parseArn } from '../domain/arn.js';
import type { StrategyItem } from '../domain/capacity-provider-placement.js';
import {
  conditionOf,
  failureThreshold,
  isDeploymentComplete,
  isFailedTask,
  isSteady,
  planRollout,
  type ClassifiedTask,
  type RolloutPlan,
} from '../domain/deployment.js';
import {
  addServiceEvent,
  launchBackoffMs,
  primaryOf,
  usesTaskSets,
  serviceGroup,
  type DeploymentRecord,
  type ServiceRecord,
} from '../domain/ecs-service.js';
import { CAPACITY_UNAVAILABLE } from '../domain/faults.js';
import { resolveAwsvpcConfiguration } from '../domain/network/awsvpc-configuration.js';
import type { Ids } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import {
  DEPLOYMENT_FAILED_EVENT_REASON,
  FAILED_HEALTH_CHECKS_REASON,
  rolloutReasons,
  scalingActivityReason,
  serviceMessages,
} from '../domain/service-messages.js';
import type { Tag } from '../domain/tags.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import { newTask } from '../domain/task-factory.js';
import type { StopCode, TaskRecord } from '../domain/task.js';
import { tasksOfGroup } from '../store/queries.js';
import type { RegionState } from '../store/schema.js';
import {
  combinedHealth,
  deregisterTaskTargets,
  elbMessages,
  failedElbHealthChecksReason,
  hasTargets,
  registerTaskTargets,
  taskTargetHealth,
  type ServiceLoadBalancer,
  type TaskTargetHealth,
} from '../domain/service-load-balancing.js';
import { advance, canAdvance, requestStop } from '../domain/task-lifecycle.js';
import { reconcileTaskSets } from './task-set-reconcile.js';
import { blueGreenPlan, isBlueGreenActive, restoreBlueTraffic, type BlueGreenPlan } from './blue-green-reconcile.js';
import { sideLoadBalancers } from '../domain/blue-green-traffic.js';
import { keepBlueGreenProgress } from '../domain/service-deployment.js';

export type SchedulerNotice =
  | { kind: 'service-action'; eventName: string; eventType: 'INFO' | 'WARN' | 'ERROR'; extra?: Record<string, unknown> }
  | {
      kind: 'deployment';
      deploymentId: string;
      eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS' | 'SERVICE_DEPLOYMENT_COMPLETED' | 'SERVICE_DEPLOYMENT_FAILED';
      reason: string;
    };

export interface ReconcileEnv {
  scope: Scope;
  now: number;
  ids: Ids;
  capacityAvailable(provider: string): boolean;
  /** See Config.minimumHealthyDelayMs. */
  healthyCountDelayMs?: number;
  /** See Config.deploymentTimeScale: the factor on every deployment wait given in minutes. */
  timeScale?: number;
}

export interface ReconcileEffects {
  service?: Pick<ServiceRecord, 'serviceArn' | 'clusterArn' | 'serviceName'>;
  submit: string[];
  stop: { taskId: string; stopCode: StopCode; reason: string }[];
  notices: SchedulerNotice[];
  /** Targets were registered or deregistered, or a listener rule changed: the load balancers' data plane must follow. */
  targetsChanged?: boolean;
  /** The service must be looked at again at this time (epoch ms): a deployment wait ends. */
  wakeAt?: number;
}

export function reconcileService(state: RegionState, key: string, env: ReconcileEnv): ReconcileEffects {
  const effects: ReconcileEffects = { submit: [], stop: [], notices: [] };
  const svc = state.services[key];
  if (!svc || svc.status === 'INACTIVE') return effects;
  effects.service = { serviceArn: svc.serviceArn, clusterArn: svc.clusterArn, serviceName: svc.serviceName };
  const say = (message: string) => addServiceEvent(svc, { id: env.ids.uuid(), createdAt: env.now, message });
  const name = svc.serviceName;

  if (usesTaskSets(svc)) {
    reconcileTaskSets(state, svc, env, say, effects);
    return effects;
  }
  // Tasks also register in the target groups of the service's gateway routes (both sides of a blue/green one).
  const gatewayLbs = gatewayLoadBalancers(state.gatewayRoutes, svc.serviceArn);
  const serviceLbs = [...sideLoadBalancers(svc.loadBalancers, false), ...gatewayLbs];
  const alternateLbs = [...sideLoadBalancers(svc.loadBalancers, true), ...gatewayLbs];
  const alternateIds = new Set(svc.deployments.filter((d) => d.alternate).map((d) => d.id));
  const lbsOf: LbsOf = (task) => (task.startedBy && alternateIds.has(task.startedBy) ? alternateLbs : serviceLbs);
  if (serviceLbs.length > 0) followTargets(state, svc, lbsOf, env, say, effects);
  const targetHealth = new Map<string, TaskTargetHealth>();
  const tasks = serviceTasks(state, svc, env.now, lbsOf, targetHealth, new Set(svc.deployments.map((d) => d.id)));
  judgeStoppedTasks(svc, tasks, env.now);
  const shifting = primaryOf(svc);
  tripCircuitBreaker(svc, env, say, effects);
  if (shifting?.blueGreen && !shifting.blueGreen.finished && shifting.rolloutState === 'FAILED') {
    // The circuit breaker stopped a blue/green deployment: all traffic goes back to blue.
    shifting.blueGreen.finished = true;
    shifting.blueGreen.rolledBack = true;
    if (restoreBlueTraffic(state, svc, shifting)) effects.targetsChanged = true;
  }

  const primary = primaryOf(svc)!;
  const desired = svc.status === 'DRAINING' ? 0 : svc.desiredCount;
  if (primary.desiredCount !== desired) primary.desiredCount = desired;
  const blueGreen = isBlueGreenActive(primary) && svc.status === 'ACTIVE';
  const plan: BlueGreenPlan = blueGreen
    ? blueGreenPlan(state, svc, primary, tasks, desired, strategyOf, env, say, effects)
    : planRollout({
        desiredCount: desired,
        minimumHealthyPercent: svc.status === 'DRAINING' ? 0 : svc.deploymentConfiguration.minimumHealthyPercent,
        maximumPercent: svc.deploymentConfiguration.maximumPercent,
        primaryId: primary.id,
        primaryLaunchable: primary.rolloutState !== 'FAILED' && svc.status === 'ACTIVE',
        strategy: strategyOf(primary),
        tasks,
        now: env.now,
        healthyCountDelayMs: env.healthyCountDelayMs,
      });
  if (svc.status === 'DRAINING') {
    for (const t of tasks) {
      if (t.condition !== 'stopping' && t.condition !== 'stopped' && !plan.stop.some((s) => s.taskId === t.taskId)) {
        plan.stop.push({ taskId: t.taskId, deploymentId: t.deploymentId, why: 'scale-in' });
      }
    }
  }

  applyStops(state, svc, plan.stop, lbsOf, targetHealth, env, say, effects);

  const blueStart = plan.blueStart;
  const throttled = (plan.providers.length > 0 || blueStart !== undefined) && (svc.launchNotBefore ?? 0) > env.now;
  if (throttled && say(serviceMessages.unableToStartConsistently(name))) {
    effects.notices.push({ kind: 'service-action', eventName: 'SERVICE_TASK_START_IMPAIRED', eventType: 'WARN' });
  }
  const started = throttled
    ? []
    : [
        ...startTasks(state, svc, primary, plan.providers, tasks, env, say, effects),
        ...(blueStart ? startTasks(state, svc, blueStart.source, blueStart.providers, tasks, env, say, effects) : []),
      ];
  if (started.length > 0) {
    const replaced = plan.stop.filter((s) => s.why === 'unhealthy').length;
    say(serviceMessages.startedTasks(name, started, replaced));
    svc.steady = false;
  }
  if (plan.stuck && started.length === 0) say(serviceMessages.deploymentConfigurationStuck(name));

  const quiet = plan.stop.length === 0 && plan.start === 0 && blueStart === undefined;
  if (svc.launchFailures && isSteady(desired, primary.id, tasks)) {
    // Launches that reach a steady state end the streak of failures.
    delete svc.launchFailures;
    delete svc.launchNotBefore;
  }
  settleDeployments(state, svc, primary, tasks, desired, quiet, env, say, effects);
  if (svc.status === 'DRAINING' && tasks.every((t) => t.condition === 'stopped')) {
    svc.status = 'INACTIVE';
    svc.inactiveAt = env.now;
  }
  return effects;
}

/** The load balancer entries a task of the service registers in (they differ per task set, or per blue/green side). */
export type LbsOf = (task: TaskRecord) => readonly ServiceLoadBalancer[];
export type Say = (message: string) => boolean;

/**
 * Stops first, as ECS reports them: the health-check failures, then one "has stopped" line. A task with targets
 * is deregistered first and stopped once they have drained (followTargets).
 */
export function applyStops(
  state: RegionState,
  svc: ServiceRecord,
  stops: RolloutPlan['stop'],
  lbsOf: LbsOf,
  targetHealth: ReadonlyMap<string, TaskTargetHealth>,
  env: ReconcileEnv,
  say: Say,
  effects: ReconcileEffects,
): void {
  const name = svc.serviceName;
  for (const s of stops) {
    const elbUnhealthy = s.why === 'unhealthy' ? targetHealth.get(s.taskId)?.unhealthy : undefined;
    if (elbUnhealthy) say(elbMessages.unhealthy(name, s.taskId, elbUnhealthy.port, elbUnhealthy.targetGroupArn, elbUnhealthy.description));
    else if (s.why === 'unhealthy') say(serviceMessages.failedHealthChecks(name, s.taskId));
    const reason = elbUnhealthy
      ? failedElbHealthChecksReason(elbUnhealthy.targetGroupArn)
      : s.why === 'unhealthy'
        ? FAILED_HEALTH_CHECKS_REASON
        : scalingActivityReason(s.deploymentId);
    const task = state.tasks[s.taskId];
    const lbs = task ? lbsOf(task) : [];
    if (task && lbs.length > 0 && hasTargets(state, lbs, task)) {
      requestStop(task, 'ServiceSchedulerInitiated', reason, env.now);
      if (canAdvance(task.lastStatus, 'DEACTIVATING')) advance(task, 'DEACTIVATING', env.now);
      deregister(state, svc, lbs, task, env, say, effects);
    } else effects.stop.push({ taskId: s.taskId, stopCode: 'ServiceSchedulerInitiated', reason });
  }
  if (stops.length > 0)
    say(
      serviceMessages.stoppedTasks(
        name,
        stops.map((s) => s.taskId),
      ),
    );
}

/** Deregisters a task's targets, with ECS's event per target group. */
function deregister(
  state: RegionState,
  svc: ServiceRecord,
  lbs: readonly ServiceLoadBalancer[],
  task: TaskRecord,
  env: ReconcileEnv,
  say: (m: string) => boolean,
  effects: ReconcileEffects,
): void {
  for (const arn of deregisterTaskTargets(state, lbs, task, env.now)) say(elbMessages.deregistered(svc.serviceName, 1, arn));
  effects.targetsChanged = true;
}

/**
 * The service's tasks and their targets: RUNNING tasks get registered; tasks on their way down get deregistered
 * (a Spot interruption, a crash, a StopTask); tasks DEACTIVATING whose targets have all drained are stopped.
 */
export function followTargets(
  state: RegionState,
  svc: ServiceRecord,
  lbsOf: LbsOf,
  env: ReconcileEnv,
  say: (m: string) => boolean,
  effects: ReconcileEffects,
): void {
  const group = serviceGroup(svc.serviceName);
  const mine = tasksOfGroup(state, svc.clusterArn, group);
  const registered = new Map<string, number>();
  for (const task of mine) {
    const lbs = lbsOf(task);
    if (lbs.length === 0) continue;
    if (task.desiredStatus === 'RUNNING') {
      for (const arn of registerTaskTargets(state, lbs, task, env.now)) registered.set(arn, (registered.get(arn) ?? 0) + 1);
      continue;
    }
    if (task.lastStatus === 'STOPPED') {
      // It stopped on its own (an essential container exited) between two passes: its targets still go.
      for (const arn of deregisterTaskTargets(state, lbs, task, env.now)) {
        say(elbMessages.deregistered(svc.serviceName, 1, arn));
        effects.targetsChanged = true;
      }
      continue;
    }
    if (hasTargets(state, lbs, task)) {
      deregister(state, svc, lbs, task, env, say, effects);
      continue;
    }
    if (task.lastStatus === 'DEACTIVATING')
      effects.stop.push({ taskId: task.taskId, stopCode: task.stopCode ?? 'ServiceSchedulerInitiated', reason: task.stoppedReason ?? '' });
  }
  for (const [arn, count] of registered) say(elbMessages.registered(svc.serviceName, count, arn));
  if (registered.size > 0) effects.targetsChanged = true;
}

/** The service's tasks (those of its deployments), classified. Tasks of deployments no longer listed are ignored. */
export function serviceTasks(
  state: RegionState,
  svc: ServiceRecord,
  now: number,
  lbsOf: LbsOf,
  targetHealth: Map<string, TaskTargetHealth>,
  ids: ReadonlySet<string>,
): ClassifiedTask[] {
  const group = serviceGroup(svc.serviceName);
  const graceMs = (svc.healthCheckGracePeriodSeconds ?? 0) * 1000;
  return tasksOfGroup(state, svc.clusterArn, group)
    .filter((t) => t.startedBy !== undefined && ids.has(t.startedBy))
    .map((t) => {
      const containerChecked = t.containers.some((c) => c.essential && c.hasHealthCheck);
      const lbs = lbsOf(t);
      const targets = lbs.length > 0 ? taskTargetHealth(state, lbs, t) : undefined;
      if (targets) targetHealth.set(t.taskId, targets);
      const view = {
        taskId: t.taskId,
        deploymentId: t.startedBy!,
        capacityProvider: t.capacityProviderName,
        lastStatus: t.lastStatus,
        desiredStatus: t.desiredStatus,
        healthStatus: targets ? combinedHealth(t.healthStatus, containerChecked, targets.status) : t.healthStatus,
        healthChecked: containerChecked || targets !== undefined,
        startedAt: t.startedAt,
        stopCode: t.stopCode,
        stoppedReason: t.stoppedReason,
      };
      return { ...view, condition: conditionOf(view, now, graceMs) };
    })
    .sort((a, b) => (a.taskId < b.taskId ? -1 : 1));
}

/** Counts each newly stopped task of an in-progress deployment that failed; each task is judged once. */
function judgeStoppedTasks(svc: ServiceRecord, tasks: readonly ClassifiedTask[], now: number): void {
  for (const d of svc.deployments) {
    const mine = tasks.filter((t) => t.deploymentId === d.id && t.condition === 'stopped');
    const fresh = mine.filter((t) => !d.judgedTaskIds.includes(t.taskId));
    if (fresh.length === 0) {
      if (d.judgedTaskIds.length !== mine.length) d.judgedTaskIds = mine.map((t) => t.taskId);
      continue;
    }
    const failed = fresh.filter((t) => isFailedTask(t)).length;
    if (d.rolloutState === 'IN_PROGRESS') d.failedTasks += failed;
    if (failed > 0) {
      svc.launchFailures = (svc.launchFailures ?? 0) + failed;
      const wait = launchBackoffMs(svc.launchFailures);
      if (wait > 0) svc.launchNotBefore = now + wait;
    }
    d.judgedTaskIds = mine.map((t) => t.taskId);
  }
}

function tripCircuitBreaker(svc: ServiceRecord, env: ReconcileEnv, say: (m: string) => boolean, effects: ReconcileEffects): void {
  const breaker = svc.deploymentConfiguration.deploymentCircuitBreaker;
  const primary = primaryOf(svc)!;
  if (!breaker.enable || primary.rolloutState !== 'IN_PROGRESS' || primary.failedTasks < failureThreshold(svc.desiredCount)) return;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = rolloutReasons.circuitBreakerFailed;
  primary.updatedAt = env.now;
  say(serviceMessages.deploymentFailed(svc.serviceName, primary.id));
  effects.notices.push({
    kind: 'deployment',
    deploymentId: primary.id,
    eventName: 'SERVICE_DEPLOYMENT_FAILED',
    reason: DEPLOYMENT_FAILED_EVENT_REASON,
  });
  if (!breaker.rollback) return;
  const target = svc.deployments.find((d) => d.status === 'ACTIVE' && d.rolloutState === 'COMPLETED');
  if (!target) return;
  primary.status = 'ACTIVE';
  Object.assign(target, {
    status: 'PRIMARY',
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: rolloutReasons.rollingBack(target.id),
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    updatedAt: env.now,
  });
  svc.deployments = [target, ...svc.deployments.filter((d) => d !== target)];
  svc.taskDefinition = target.taskDefinition;
  svc.steady = false;
  delete svc.launchFailures;
  delete svc.launchNotBefore;
  say(serviceMessages.rollingBack(svc.serviceName, target.id));
  effects.notices.push({
    kind: 'deployment',
    deploymentId: target.id,
    eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
    reason: rolloutReasons.rollingBack(target.id),
  });
}

export function strategyOf(d: Pick<DeploymentRecord, 'capacityProviderStrategy'>): StrategyItem[] {
  return d.capacityProviderStrategy?.length ? d.capacityProviderStrategy : [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
}

function taskDefinitionByArn(state: RegionState, arn: string): TaskDefinitionRecord | undefined {
  const parsed = parseArn(arn);
  return parsed ? state.taskDefinitions[parsed.resource] : undefined;
}

/** Creates the planned tasks, skipping (and reporting) those whose provider has no capacity. Returns their ids. */
export function startTasks(
  state: RegionState,
  svc: ServiceRecord,
  primary: LaunchSource,
  providers: readonly string[],
  tasks: readonly ClassifiedTask[],
  env: ReconcileEnv,
  say: (m: string) => boolean,
  effects: ReconcileEffects,
): string[] {
  if (providers.length === 0) return [];
  if (primary.launchType === 'EC2') {
    // An EC2 service (no launch type, no strategy) on a cluster with no container instances: nothing can be placed.
    say(serviceMessages.noContainerInstance(svc.serviceName));
    return [];
  }
  const unavailable = [...new Set(providers.filter((p) => !env.capacityAvailable(p)))];
  for (const provider of unavailable) {
    if (say(serviceMessages.unableToPlace(svc.serviceName, CAPACITY_UNAVAILABLE))) {
      effects.notices.push({
        kind: 'service-action',
        eventName: 'SERVICE_TASK_PLACEMENT_FAILURE',
        eventType: 'ERROR',
        extra: {
          capacityProviderArns: [capacityProviderArn(env.scope, provider)],
          reason: 'RESOURCE:FARGATE',
        },
      });
    }
  }
  const placeable = providers.filter((p) => env.capacityAvailable(p));
  const td = taskDefinitionByArn(state, primary.taskDefinition);
  if (placeable.length === 0 || !td) return [];
  let network: ReturnType<typeof resolveAwsvpcConfiguration>;
  try {
    network = resolveAwsvpcConfiguration(state, primary.networkConfiguration);
  } catch (err) {
    say(serviceMessages.unableToPlace(svc.serviceName, (err as Error).message.replace(/\.$/, '')));
    return [];
  }
  const tags = serviceTaskTags(state, svc, td);
  const offset = tasks.filter((t) => t.deploymentId === primary.id && t.condition !== 'stopped').length;
  return placeable.map((provider, i) => {
    const task: TaskRecord = newTask(
      {
        scope: env.scope,
        clusterName: svc.clusterName,
        clusterArn: svc.clusterArn,
        taskDefinition: td,
        capacityProviderName: provider as 'FARGATE' | 'FARGATE_SPOT',
        platformVersion: primary.platformVersion,
        startedBy: primary.id,
        group: serviceGroup(svc.serviceName),
        enableExecuteCommand: svc.enableExecuteCommand,
        subnet: network.subnets[(offset + i) % network.subnets.length]!,
        securityGroups: network.securityGroups,
        assignPublicIp: network.assignPublicIp,
        now: env.now,
      },
      env.ids,
    );
    state.tasks[task.taskId] = task;
    if (tags.length) state.tags[task.taskArn] = tags;
    effects.submit.push(task.taskId);
    return task.taskId;
  });
}

/** What a service's new tasks are launched from: its primary deployment, or a task set. */
export type LaunchSource = Pick<
  DeploymentRecord,
  'id' | 'taskDefinition' | 'launchType' | 'capacityProviderStrategy' | 'platformVersion' | 'networkConfiguration'
>;

function serviceTaskTags(state: RegionState, svc: ServiceRecord, td: TaskDefinitionRecord): Tag[] {
  const byKey = new Map<string, string>();
  if (svc.propagateTags === 'TASK_DEFINITION') for (const t of state.tags[td.taskDefinitionArn] ?? []) byKey.set(t.key, t.value);
  if (svc.propagateTags === 'SERVICE') for (const t of state.tags[svc.serviceArn] ?? []) byKey.set(t.key, t.value);
  if (svc.enableECSManagedTags) {
    byKey.set('aws:ecs:clusterName', svc.clusterName);
    byKey.set('aws:ecs:serviceName', svc.serviceName);
  }
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** Completion of the primary deployment, the draining deployments' counts, and the steady-state report. */
function settleDeployments(
  state: RegionState,
  svc: ServiceRecord,
  primary: DeploymentRecord,
  tasks: readonly ClassifiedTask[],
  desired: number,
  quiet: boolean,
  env: ReconcileEnv,
  say: (m: string) => boolean,
  effects: ReconcileEffects,
): void {
  for (const d of svc.deployments) {
    if (d === primary) continue;
    const live = tasks.filter((t) => t.deploymentId === d.id && t.condition !== 'stopped' && t.condition !== 'stopping').length;
    if (d.desiredCount !== live) {
      d.desiredCount = live;
      d.updatedAt = env.now;
    }
  }
  if (!quiet || svc.status !== 'ACTIVE') return;
  if (primary.rolloutState === 'IN_PROGRESS' && isDeploymentComplete(desired, primary.id, tasks)) {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = rolloutReasons.completed(primary.id);
    if (primary.blueGreen) primary.blueGreen.finished = true;
    primary.updatedAt = env.now;
    keepBlueGreenProgress(
      state.serviceDeployments,
      svc,
      svc.deployments.filter((d) => d !== primary),
    );
    svc.deployments = [primary];
    say(serviceMessages.deploymentCompleted(svc.serviceName, primary.id));
    effects.notices.push({
      kind: 'deployment',
      deploymentId: primary.id,
      eventName: 'SERVICE_DEPLOYMENT_COMPLETED',
      reason: rolloutReasons.completed(primary.id),
    });
  }
  const steady = svc.deployments.length === 1 && primary.rolloutState === 'COMPLETED' && isSteady(desired, primary.id, tasks);
  if (steady && !svc.steady) {
    say(serviceMessages.steadyState(svc.serviceName));
    effects.notices.push({ kind: 'service-action', eventName: 'SERVICE_STEADY_STATE', eventType: 'INFO' });
  }
  if (svc.steady !== steady) svc.steady = steady;
}
