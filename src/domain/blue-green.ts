// ECS-native blue/green, linear and canary deployments (deploymentConfiguration.strategy), as pure rules: the
// strategy settings a request gives (AWS's ranges and defaults), the production traffic steps each strategy makes,
// the lifecycle stages in order, and the weighted forward a listener rule gets at each step.
//
// A deployment runs the lifecycle stages (RECONCILE_SERVICE, only when it starts while the service has more than one
// ACTIVE revision: the superseded one's tasks are stopped first) → PRE_SCALE_UP → SCALE_UP (green tasks, in the target groups the blue ones
// are not in) → POST_SCALE_UP → TEST_TRAFFIC_SHIFT (the test listener rule forwards to green) →
// POST_TEST_TRAFFIC_SHIFT → PRODUCTION_TRAFFIC_SHIFT (the production rule's weights, in the strategy's steps) →
// POST_PRODUCTION_TRAFFIC_SHIFT → BAKE_TIME (both revisions run) → CLEAN_UP (the blue tasks stop). Lifecycle hooks
// run at the end of the stage they name; the deployment goes on once they all succeeded.
import type { ActionRecord } from './elbv2/records.js';
import { invalidParameter } from './errors.js';

export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

/** The stages a deployment goes through, in order (RECONCILE_SERVICE only when it starts one). */
export const STAGES: readonly LifecycleStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];
const HOOK_STAGES: readonly string[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
];

export interface LifecycleHookRecord {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: Exclude<LifecycleStage, 'SCALE_UP' | 'BAKE_TIME' | 'CLEAN_UP'>[];
  /** Any JSON, as given. */
  hookDetails?: string | number | boolean | null | Record<string, unknown> | unknown[];
  timeoutConfiguration?: HookTimeoutConfiguration;
}

/** How long a hook may stay unanswered and what happens then (AWS: 1 to 20160 minutes, default 1440; ROLLBACK). */
export interface HookTimeoutConfiguration {
  timeoutInMinutes?: number;
  action?: HookTimeoutAction;
}
export type HookTimeoutAction = 'CONTINUE' | 'ROLLBACK';
export const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;

export interface StrategySettings {
  strategy: DeploymentStrategy;
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  lifecycleHooks?: LifecycleHookRecord[];
}

export interface StrategyInput {
  strategy?: string;
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  lifecycleHooks?: {
    targetType?: string;
    hookTargetArn?: string;
    roleArn?: string;
    lifecycleStages?: string[];
    hookDetails?: unknown;
    timeoutConfiguration?: unknown;
  }[];
}

const STRATEGIES: readonly string[] = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const minutes = (name: string, v: number | undefined, fallback: number) => {
  const value = v ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > 1440) throw invalidParameter(`${name} must be between 0 and 1440 minutes.`);
  return value;
};
const tenths = (name: string, v: number | undefined, fallback: number, min: number) => {
  const value = v ?? fallback;
  if (!Number.isFinite(value) || value < min || value > 100 || Math.abs(value * 10 - Math.round(value * 10)) > 1e-9)
    throw invalidParameter(`${name} must be a multiple of 0.1 from ${min.toFixed(1)} to 100.0.`);
  return value;
};

/** The strategy settings of a request, on top of the current ones (AWS's defaults for what is not given). */
export function strategySettingsOf(input: StrategyInput | undefined, current?: StrategySettings): StrategySettings {
  const strategy = input?.strategy ?? current?.strategy ?? 'ROLLING';
  if (!STRATEGIES.includes(strategy)) throw invalidParameter(`Deployment strategy ${strategy} is not valid.`);
  const out: StrategySettings = { strategy: strategy as DeploymentStrategy };
  const bake = input?.bakeTimeInMinutes ?? current?.bakeTimeInMinutes;
  if (bake !== undefined) out.bakeTimeInMinutes = minutes('bakeTimeInMinutes', bake, 0);
  if (strategy === 'LINEAR') {
    const l = input?.linearConfiguration ?? current?.linearConfiguration;
    out.linearConfiguration = {
      stepPercent: tenths('stepPercent', l?.stepPercent, 10, 3),
      stepBakeTimeInMinutes: minutes('stepBakeTimeInMinutes', l?.stepBakeTimeInMinutes, 6),
    };
  } else if (input?.linearConfiguration) throw invalidParameter('linearConfiguration is only valid with the LINEAR deployment strategy.');
  if (strategy === 'CANARY') {
    const c = input?.canaryConfiguration ?? current?.canaryConfiguration;
    out.canaryConfiguration = {
      canaryPercent: tenths('canaryPercent', c?.canaryPercent, 5, 0.1),
      canaryBakeTimeInMinutes: minutes('canaryBakeTimeInMinutes', c?.canaryBakeTimeInMinutes, 10),
    };
  } else if (input?.canaryConfiguration) throw invalidParameter('canaryConfiguration is only valid with the CANARY deployment strategy.');
  const hooks = input?.lifecycleHooks ?? current?.lifecycleHooks;
  if (hooks) {
    out.lifecycleHooks = hooks.map((h) => {
      const targetType = h.targetType ?? 'AWS_LAMBDA';
      if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE')
        throw invalidParameter(`Lifecycle hook target type ${targetType} is not valid.`);
      if (targetType === 'AWS_LAMBDA' && !h.hookTargetArn)
        throw invalidParameter('hookTargetArn is required for an AWS_LAMBDA lifecycle hook.');
      const stages = h.lifecycleStages ?? [];
      if (stages.length === 0) throw invalidParameter('lifecycleStages must name at least one lifecycle stage.');
      for (const s of stages)
        if (!HOOK_STAGES.includes(s)) throw invalidParameter(`Lifecycle stage ${s} is not valid for a lifecycle hook.`);
      return {
        targetType,
        ...(h.hookTargetArn !== undefined ? { hookTargetArn: h.hookTargetArn } : {}),
        ...(h.roleArn !== undefined ? { roleArn: h.roleArn } : {}),
        lifecycleStages: [...stages] as LifecycleHookRecord['lifecycleStages'],
        ...(h.hookDetails !== undefined
          ? { hookDetails: JSON.parse(JSON.stringify(h.hookDetails)) as LifecycleHookRecord['hookDetails'] }
          : {}),
        ...(h.timeoutConfiguration !== undefined ? { timeoutConfiguration: hookTimeoutOf(h.timeoutConfiguration) } : {}),
      };
    });
  }
  return out;
}

function hookTimeoutOf(input: unknown): HookTimeoutConfiguration {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalidParameter('timeoutConfiguration must be an object with timeoutInMinutes and action.');
  const { timeoutInMinutes, action } = input as { timeoutInMinutes?: unknown; action?: unknown };
  const out: HookTimeoutConfiguration = {};
  if (timeoutInMinutes !== undefined) {
    if (typeof timeoutInMinutes !== 'number' || !Number.isInteger(timeoutInMinutes) || timeoutInMinutes < 1 || timeoutInMinutes > 20_160)
      throw invalidParameter('timeoutInMinutes must be between 1 and 20160 minutes.');
    out.timeoutInMinutes = timeoutInMinutes;
  }
  if (action !== undefined) {
    if (action !== 'CONTINUE' && action !== 'ROLLBACK')
      throw invalidParameter(`Lifecycle hook timeout action ${String(action)} is not valid. Use ROLLBACK or CONTINUE.`);
    out.action = action;
  }
  return out;
}

export const isTrafficShifting = (strategy: DeploymentStrategy | undefined): strategy is Exclude<DeploymentStrategy, 'ROLLING'> =>
  strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY';

export type HookStatus = 'IN_PROGRESS' | 'AWAITING_ACTION' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

export interface HookRun {
  hookId: string;
  stage: LifecycleStage;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  status: HookStatus;
  startedAt: number;
  /** When an unanswered hook times out (its timeoutConfiguration, scaled like every deployment wait). */
  expiresAt?: number;
  timeoutAction?: HookTimeoutAction;
}

/** Whether the stage's hook runs let the deployment go on (true), roll it back (false), or still wait (undefined). */
export function hookOutcome(runs: readonly HookRun[]): boolean | undefined {
  const failed = (h: HookRun) => h.status === 'FAILED' || (h.status === 'TIMED_OUT' && h.timeoutAction !== 'CONTINUE');
  if (runs.some(failed)) return false;
  return runs.every((h) => h.status === 'SUCCEEDED' || h.status === 'TIMED_OUT') ? true : undefined;
}

/** Times out the hooks still unanswered at `now`; returns the earliest expiry of those left waiting. */
export function expireHooks(runs: HookRun[], now: number): number | undefined {
  let next: number | undefined;
  for (const h of runs) {
    if (h.status !== 'AWAITING_ACTION' || h.expiresAt === undefined) continue;
    if (now >= h.expiresAt) h.status = 'TIMED_OUT';
    else next = Math.min(next ?? h.expiresAt, h.expiresAt);
  }
  return next;
}

/** Where a blue/green (linear, canary) deployment stands; kept on the green deployment. */
export interface BlueGreenProgress {
  strategy: Exclude<DeploymentStrategy, 'ROLLING'>;
  stage: LifecycleStage;
  stageStartedAt: number;
  /** The production traffic step reached (index into trafficSteps), -1 before the first. */
  step: number;
  /** Percent of production traffic on green now. */
  greenPercent: number;
  /** The end of the current wait (a traffic step's bake, the bake time). */
  waitUntil?: number;
  hooks: HookRun[];
  /** Ended: completed, or rolled back (then `rolledBack`). */
  finished?: boolean;
  rolledBack?: boolean;
}

export interface TrafficStep {
  /** Percent of production traffic on green after this step. */
  greenPercent: number;
  /** Minutes to wait after this step before the next. */
  bakeMinutes: number;
}

/** The production traffic steps: all at once; linear steps of stepPercent (no wait after 100); canary then the rest. */
export function trafficSteps(s: StrategySettings): TrafficStep[] {
  if (s.strategy === 'LINEAR' && s.linearConfiguration) {
    const { stepPercent, stepBakeTimeInMinutes } = s.linearConfiguration;
    const steps: TrafficStep[] = [];
    for (let i = 1; ; i++) {
      const p = Math.min(100, Math.round(stepPercent * i * 10) / 10);
      steps.push({ greenPercent: p, bakeMinutes: p >= 100 ? 0 : stepBakeTimeInMinutes });
      if (p >= 100) return steps;
    }
  }
  if (s.strategy === 'CANARY' && s.canaryConfiguration) {
    const { canaryPercent, canaryBakeTimeInMinutes } = s.canaryConfiguration;
    if (canaryPercent >= 100) return [{ greenPercent: 100, bakeMinutes: 0 }];
    return [
      { greenPercent: canaryPercent, bakeMinutes: canaryBakeTimeInMinutes },
      { greenPercent: 100, bakeMinutes: 0 },
    ];
  }
  return [{ greenPercent: 100, bakeMinutes: 0 }];
}

/** The hooks to run at the end of `stage`. */
export const hooksOf = (s: Partial<StrategySettings>, stage: LifecycleStage) =>
  (s.lifecycleHooks ?? []).filter((h) => (h.lifecycleStages as readonly string[]).includes(stage));

export const nextStage = (stage: LifecycleStage): LifecycleStage | undefined => STAGES[STAGES.indexOf(stage) + 1];

/**
 * The production rule's weights with `greenPercent` of the traffic on green: out of 100 for whole percentages
 * (90/10), out of 1000 for tenths (ALB weights are integers up to 999).
 */
export function weightsFor(blueTargetGroupArn: string, greenTargetGroupArn: string, greenPercent: number) {
  const g = Math.min(100, Math.max(0, greenPercent));
  const scale = Number.isInteger(g) ? 1 : 10;
  const green = Math.round(g * scale);
  return [
    { targetGroupArn: blueTargetGroupArn, weight: 100 * scale - green },
    { targetGroupArn: greenTargetGroupArn, weight: green },
  ];
}

/** A forward action over the two target groups with these weights (stickiness kept from the action it replaces). */
export function weightedForward(previous: readonly ActionRecord[], weights: { targetGroupArn: string; weight: number }[]): ActionRecord[] {
  const stickiness = previous.find((a) => a.type === 'forward')?.forward?.stickiness ?? { enabled: false };
  return [{ type: 'forward', order: 1, forward: { targetGroups: weights, stickiness: { ...stickiness }, single: false } }];
}
