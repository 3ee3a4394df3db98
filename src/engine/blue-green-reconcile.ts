// One scheduler pass over a service in a blue/green, linear or canary deployment (deploymentConfiguration.strategy):
// advance the lifecycle stages as far as the state allows (green tasks healthy, hooks answered, waits over), move the
// test and production listener rules, and plan the tasks: green gets the service's desiredCount from SCALE_UP on,
// blue keeps the desiredCount until CLEAN_UP (a blue task that stops or fails its health checks is replaced, as
// the scheduler keeps any revision that serves traffic at its count). A failed hook rolls back: all traffic back to blue, blue PRIMARY again, and
// the rolling scheduler then stops the green tasks. Runs inside the scheduler's store update.
import {
  DEFAULT_HOOK_TIMEOUT_MINUTES,
  expireHooks,
  hookOutcome,
  hooksOf,
  nextStage,
  trafficSteps,
  type BlueGreenProgress,
  type LifecycleStage,
  type StrategySettings,
} from '../domain/blue-green.js';
import { shiftTraffic } from '../domain/blue-green-traffic.js';
import type { StrategyItem } from '../domain/capacity-provider-placement.js';
import { planRollout, type ClassifiedTask, type RolloutPlan } from '../domain/deployment.js';
import type { DeploymentRecord, ServiceRecord } from '../domain/ecs-service.js';
import { rolloutReasons, serviceMessages } from '../domain/service-messages.js';
import type { RegionState } from '../store/schema.js';
import type { ReconcileEffects, ReconcileEnv, Say } from './service-reconcile.js';

export const isBlueGreenActive = (d: DeploymentRecord | undefined) =>
  Boolean(d?.blueGreen && !d.blueGreen.finished && d.rolloutState === 'IN_PROGRESS');

const MINUTE_MS = 60_000;

/** The pass's plan for green (the primary), and blue's replacements to start (launched from blue's deployment). */
export interface BlueGreenPlan extends RolloutPlan {
  blueStart?: { source: DeploymentRecord; providers: string[] };
}

/** Advances `green`'s deployment and plans the pass's starts and stops. */
export function blueGreenPlan(
  state: RegionState,
  svc: ServiceRecord,
  green: DeploymentRecord,
  tasks: readonly ClassifiedTask[],
  desired: number,
  strategyOf: (d: DeploymentRecord) => readonly StrategyItem[],
  env: ReconcileEnv,
  say: Say,
  effects: ReconcileEffects,
): BlueGreenPlan {
  const bg = green.blueGreen!;
  const live = (t: ClassifiedTask) => t.condition !== 'stopped' && t.condition !== 'stopping';
  const greenTasks = tasks.filter((t) => t.deploymentId === green.id);
  const greenReady = greenTasks.filter(live).length === desired && greenTasks.filter(live).every((t) => t.condition === 'healthy');
  // Deployments superseded on green's side: their tasks stop at once (RECONCILE_SERVICE waits for that).
  const greenSide = new Set(
    svc.deployments.filter((d) => d !== green && Boolean(d.alternate) === Boolean(green.alternate)).map((d) => d.id),
  );
  const reconciled = !tasks.some((t) => greenSide.has(t.deploymentId) && live(t));
  advanceStages(state, svc, green, bg, { greenReady, reconciled }, env, say, effects);
  if (!isBlueGreenActive(green)) return { start: 0, providers: [], stop: [], stuck: false };

  const scaled = bg.stage !== 'PRE_SCALE_UP' && bg.stage !== 'RECONCILE_SERVICE';
  const plan: BlueGreenPlan = planRollout({
    desiredCount: scaled ? desired : 0,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    primaryId: green.id,
    primaryLaunchable: scaled,
    strategy: strategyOf(green),
    tasks: greenTasks,
    now: env.now,
    healthyCountDelayMs: env.healthyCountDelayMs,
  });
  // Blue's tasks stop at CLEAN_UP; those of a superseded deployment on green's side at once.
  for (const t of tasks) {
    if (t.deploymentId === green.id || !live(t)) continue;
    if (bg.stage === 'CLEAN_UP' || greenSide.has(t.deploymentId))
      plan.stop.push({ taskId: t.taskId, deploymentId: t.deploymentId, why: 'replaced' });
  }
  // Until CLEAN_UP, blue (the serving revision) is kept at the desiredCount: its stopped and unhealthy tasks are replaced.
  const blue = svc.deployments.find(
    (d) => d !== green && d.rolloutState === 'COMPLETED' && Boolean(d.alternate) !== Boolean(green.alternate),
  );
  if (blue && bg.stage !== 'CLEAN_UP') {
    const kept = planRollout({
      desiredCount: desired,
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      primaryId: blue.id,
      primaryLaunchable: true,
      strategy: strategyOf(blue),
      tasks: tasks.filter((t) => t.deploymentId === blue.id),
      now: env.now,
      healthyCountDelayMs: env.healthyCountDelayMs,
    });
    plan.stop.push(...kept.stop);
    if (kept.providers.length > 0) plan.blueStart = { source: blue, providers: kept.providers };
  }
  return plan;
}

function settingsOf(svc: ServiceRecord): Partial<StrategySettings> {
  return svc.deploymentConfiguration;
}

function advanceStages(
  state: RegionState,
  svc: ServiceRecord,
  green: DeploymentRecord,
  bg: BlueGreenProgress,
  sides: { greenReady: boolean; reconciled: boolean },
  env: ReconcileEnv,
  say: Say,
  effects: ReconcileEffects,
): void {
  const minuteMs = MINUTE_MS * (env.timeScale ?? 1);
  const settings = settingsOf(svc);
  const wake = (at: number) => {
    effects.wakeAt = Math.min(effects.wakeAt ?? at, at);
  };
  if ((bg.stage === 'PRE_SCALE_UP' || bg.stage === 'RECONCILE_SERVICE') && bg.step === -1 && bg.greenPercent === 0) {
    // The rules forward to both target groups from the start (green at weight 0), so green's targets get checked.
    const production = shiftTraffic(state, svc.loadBalancers, green.alternate === true, 0, 'production');
    const test = shiftTraffic(state, svc.loadBalancers, green.alternate === true, 0, 'test');
    if (production || test) effects.targetsChanged = true;
  }
  for (let guard = 0; guard < 20; guard++) {
    if (bg.stage === 'RECONCILE_SERVICE' && !sides.reconciled) return;
    if (bg.stage === 'SCALE_UP' && !sides.greenReady) return;
    if (bg.stage === 'TEST_TRAFFIC_SHIFT' && shiftTraffic(state, svc.loadBalancers, green.alternate === true, 100, 'test'))
      effects.targetsChanged = true;
    if (bg.stage === 'PRODUCTION_TRAFFIC_SHIFT') {
      const steps = trafficSteps({ strategy: bg.strategy, ...settings } as StrategySettings);
      while (bg.step < steps.length - 1 && (bg.waitUntil === undefined || env.now >= bg.waitUntil)) {
        bg.step += 1;
        const step = steps[bg.step]!;
        bg.greenPercent = step.greenPercent;
        bg.waitUntil = env.now + step.bakeMinutes * minuteMs;
        if (shiftTraffic(state, svc.loadBalancers, green.alternate === true, step.greenPercent, 'production'))
          effects.targetsChanged = true;
        green.updatedAt = env.now;
      }
      if (bg.waitUntil !== undefined && env.now < bg.waitUntil) {
        wake(bg.waitUntil);
        return;
      }
    }
    if (bg.stage === 'BAKE_TIME') {
      bg.waitUntil ??= bg.stageStartedAt + (settings.bakeTimeInMinutes ?? 0) * minuteMs;
      if (env.now < bg.waitUntil) {
        wake(bg.waitUntil);
        return;
      }
    }
    if (bg.stage === 'CLEAN_UP') return;
    if (!hooksAnswered(state, svc, green, bg, settings, env, say, effects)) return;
    const next = nextStage(bg.stage);
    if (!next) return;
    enter(bg, next, env.now);
    green.updatedAt = env.now;
  }
}

function enter(bg: BlueGreenProgress, stage: LifecycleStage, now: number): void {
  bg.stage = stage;
  bg.stageStartedAt = now;
  delete bg.waitUntil;
}

/**
 * Runs the stage's hooks once (an AWS_LAMBDA hook succeeds at once: no Lambda runs here; a PAUSE hook waits for
 * ContinueServiceDeployment) and tells whether they all succeeded. A failed one rolls the deployment back.
 */
function hooksAnswered(
  state: RegionState,
  svc: ServiceRecord,
  green: DeploymentRecord,
  bg: BlueGreenProgress,
  settings: Partial<StrategySettings>,
  env: ReconcileEnv,
  say: Say,
  effects: ReconcileEffects,
): boolean {
  const hooks = hooksOf(settings, bg.stage);
  if (hooks.length === 0) return true;
  if (!bg.hooks.some((h) => h.stage === bg.stage)) {
    for (const h of hooks) {
      bg.hooks.push({
        hookId: env.ids.uuid(),
        stage: bg.stage,
        targetType: h.targetType,
        ...(h.hookTargetArn ? { targetArn: h.hookTargetArn } : {}),
        status: h.targetType === 'PAUSE' ? 'AWAITING_ACTION' : 'SUCCEEDED',
        startedAt: env.now,
        expiresAt: env.now + (h.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES) * MINUTE_MS * (env.timeScale ?? 1),
        timeoutAction: h.timeoutConfiguration?.action ?? 'ROLLBACK',
      });
    }
  }
  const runs = bg.hooks.filter((h) => h.stage === bg.stage);
  // A PAUSE hook not answered in time takes its timeout action (ROLLBACK unless CONTINUE was configured).
  const expiry = expireHooks(runs, env.now);
  const outcome = hookOutcome(runs);
  if (outcome === false) {
    if (restoreBlueTraffic(state, svc, green)) effects.targetsChanged = true;
    const blue = rollBackBlueGreen(svc, green, env.now);
    if (blue) say(serviceMessages.rollingBack(svc.serviceName, blue.id));
    return false;
  }
  if (outcome === undefined && expiry !== undefined) effects.wakeAt = Math.min(effects.wakeAt ?? expiry, expiry);
  return outcome === true;
}

/**
 * A new blue/green deployment's progress (before its tasks start). It starts at RECONCILE_SERVICE when the service
 * has more than one ACTIVE revision (a deployment in progress superseded), at PRE_SCALE_UP otherwise, as on AWS.
 */
export function newBlueGreenProgress(strategy: BlueGreenProgress['strategy'], now: number, reconcile = false): BlueGreenProgress {
  const stage = reconcile ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP';
  return { strategy, stage, stageStartedAt: now, step: -1, greenPercent: 0, hooks: [] };
}

/**
 * Rolls a blue/green deployment back: traffic is put back on blue by the caller (restoreBlueTraffic), the green
 * deployment FAILED and ACTIVE, the last completed deployment PRIMARY again (the rolling scheduler then stops
 * the green tasks).
 */
export function rollBackBlueGreen(svc: ServiceRecord, green: DeploymentRecord, now: number): DeploymentRecord | undefined {
  if (green.blueGreen) {
    green.blueGreen.finished = true;
    green.blueGreen.rolledBack = true;
  }
  green.status = 'ACTIVE';
  green.rolloutState = 'FAILED';
  green.rolloutStateReason = 'ECS deployment stopped: rolling back.';
  green.updatedAt = now;
  const blue = svc.deployments.find((d) => d !== green && d.rolloutState === 'COMPLETED');
  if (!blue) return undefined;
  Object.assign(blue, {
    status: 'PRIMARY',
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: rolloutReasons.rollingBack(blue.id),
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    updatedAt: now,
  });
  svc.deployments = [blue, ...svc.deployments.filter((d) => d !== blue)];
  svc.taskDefinition = blue.taskDefinition;
  svc.steady = false;
  return blue;
}

/** All production and test traffic back on the side that is not `green`'s. */
export function restoreBlueTraffic(state: RegionState, svc: ServiceRecord, green: DeploymentRecord): boolean {
  const production = shiftTraffic(state, svc.loadBalancers, green.alternate === true, 0, 'production');
  const test = shiftTraffic(state, svc.loadBalancers, green.alternate === true, 0, 'test');
  if (green.blueGreen) green.blueGreen.greenPercent = 0;
  return production || test;
}
