// One ECS blue/green deployment as CodeDeploy runs it, as pure steps: given the deployment, what the engine
// observed of the ECS service and the time, `advanceDeployment` returns the deployment's next state and the
// effects to carry out (task set and listener operations). The engine calls it until nothing changes.
//   start → BeforeInstall → Install (the green task set, in the other target group, until it is stable)
//   → AfterInstall → AllowTestTraffic (test listeners → green) → AfterAllowTestTraffic → [Ready: wait for
//   ContinueDeployment when deploymentReadyOption says STOP_DEPLOYMENT] → BeforeAllowTraffic → AllowTraffic
//   (production listeners shifted per the deployment configuration) → AfterAllowTraffic → green primary →
//   termination wait → blue deleted → Succeeded.
// A stop or failure ends the deployment (Stopped / Failed) and, with rollback, starts a rollback deployment that
// puts all traffic back on blue, makes blue primary again and deletes green.
import { trafficSteps } from './deployment-configs.js';
import {
  type DeploymentRecord,
  ECS_LIFECYCLE_EVENTS,
  type EcsLifecycleEventName,
  HOOK_EVENTS,
  type LifecycleEventRecord,
} from './records.js';

export type DeploymentEffect =
  | { type: 'create-green' }
  | { type: 'route-test'; to: 'blue' | 'green' }
  | { type: 'route-prod'; greenPercent: number }
  | { type: 'set-primary'; taskSet: 'blue' | 'green' }
  | { type: 'delete-task-set'; taskSet: 'blue' | 'green' }
  /** Create the rollback deployment (rollbackDeploymentOf) and let the engine run it. */
  | { type: 'start-rollback' };

export interface DeploymentObservation {
  /** The service's primary task set when the deployment starts. */
  blue?: { taskSetId: string; targetGroupArn?: string; taskDefinition: string };
  /** The green task set's stability, once it exists. */
  greenStability?: 'STEADY_STATE' | 'STABILIZING';
  /** The green task set is gone or cannot run (its tasks keep failing). */
  greenFailure?: string;
}

export interface FlowOptions {
  /** Factor applied to every wait in minutes (1 = as on AWS). */
  timeScale: number;
  /** Hooks succeed at once instead of waiting for PutLifecycleEventHookExecutionStatus. */
  autoSucceedHooks: boolean;
  /** A new hook execution id. */
  newHookExecutionId: () => string;
}

export interface FlowStep {
  deployment: DeploymentRecord;
  effects: DeploymentEffect[];
}

/** How long the green task set may take to become stable before the deployment fails (as AWS: 60 minutes). */
export const INSTALL_TIMEOUT_MINUTES = 60;

const TERMINAL = new Set(['Succeeded', 'Failed', 'Stopped']);
export const isTerminal = (d: Pick<DeploymentRecord, 'status'>) => TERMINAL.has(d.status);

export const minutes = (m: number, options: Pick<FlowOptions, 'timeScale'>) => Math.round(m * 60_000 * options.timeScale);

export function newLifecycleEvents(): LifecycleEventRecord[] {
  return ECS_LIFECYCLE_EVENTS.map((lifecycleEventName) => ({ lifecycleEventName, status: 'Pending' }));
}

/** One step; returns the same deployment object (unchanged) when there is nothing to do yet. */
export function advanceDeployment(d: DeploymentRecord, obs: DeploymentObservation, now: number, options: FlowOptions): FlowStep {
  if (d.phase === 'done') return { deployment: d, effects: [] };
  if (d.phase === 'rollback') return rollbackStep(d, now);
  if (d.stopRequested) return stopStep(d, now);
  const next = structuredClone(d);
  if (next.phase === 'start') {
    if (!obs.blue) return fail(next, 'ECS_UPDATE_ERROR', 'The ECS service has no primary task set to replace.', now);
    const blueTg = obs.blue.targetGroupArn;
    const [a, b] = next.target.targetGroupArns;
    if (blueTg !== a && blueTg !== b)
      return fail(next, 'ECS_UPDATE_ERROR', "The primary task set's target group is not one of the deployment group's target groups.", now);
    next.target.blueTaskSetId = obs.blue.taskSetId;
    next.target.blueTaskDefinition = obs.blue.taskDefinition;
    next.target.blueTargetGroupArn = blueTg;
    next.target.greenTargetGroupArn = blueTg === a ? b : a;
    next.status = 'InProgress';
    next.startTime = now;
    next.phase = 'installing';
    return { deployment: next, effects: [] };
  }
  if (next.phase === 'termination-wait') {
    if (next.continued !== 'TERMINATION_WAIT' && now < (next.dueAt ?? 0)) return { deployment: d, effects: [] };
    return succeed(next, now, [{ type: 'delete-task-set', taskSet: 'blue' }]);
  }
  const event = next.lifecycleEvents.find((e) => e.status === 'Pending' || e.status === 'InProgress');
  if (!event) return allTrafficShifted(next, now, options);
  const name = event.lifecycleEventName;
  if ((HOOK_EVENTS as readonly string[]).includes(name)) {
    if (name === 'BeforeAllowTraffic' && event.status === 'Pending') {
      const wait = readyWait(next, now, options);
      if (wait) return wait === 'unchanged' ? { deployment: d, effects: [] } : wait;
    }
    return hookStep(d, next, event, now, options);
  }
  switch (name) {
    case 'Install':
      if (event.status === 'Pending') {
        begin(event, now);
        return { deployment: next, effects: [{ type: 'create-green' }] };
      }
      if (obs.greenFailure) return fail(next, 'ECS_UPDATE_ERROR', obs.greenFailure, now, event);
      if (obs.greenStability === 'STEADY_STATE') {
        end(event, 'Succeeded', now);
        return { deployment: next, effects: [] };
      }
      if (now - (event.startTime ?? now) > minutes(INSTALL_TIMEOUT_MINUTES, options))
        return fail(next, 'TIMEOUT', 'The replacement task set did not become stable in time.', now, event);
      return { deployment: d, effects: [] };
    case 'AllowTestTraffic':
      begin(event, now);
      if (next.target.testListenerArns.length === 0) {
        end(event, 'Skipped', now);
        return { deployment: next, effects: [] };
      }
      end(event, 'Succeeded', now);
      return { deployment: next, effects: [{ type: 'route-test', to: 'green' }] };
    case 'AllowTraffic':
      return allowTrafficStep(d, next, event, now, options);
    default:
      return { deployment: d, effects: [] };
  }
}

function begin(event: LifecycleEventRecord, now: number) {
  event.status = 'InProgress';
  event.startTime = now;
}

function end(event: LifecycleEventRecord, status: 'Succeeded' | 'Failed' | 'Skipped', now: number) {
  event.status = status;
  event.startTime ??= now;
  event.endTime = now;
}

function hookStep(d: DeploymentRecord, next: DeploymentRecord, event: LifecycleEventRecord, now: number, options: FlowOptions): FlowStep {
  const fn = next.appSpec.hooks[event.lifecycleEventName];
  if (event.status === 'Pending') {
    begin(event, now);
    if (!fn) {
      end(event, 'Skipped', now);
      return { deployment: next, effects: [] };
    }
    event.hookExecutionId = options.newHookExecutionId();
    event.hookStatus = options.autoSucceedHooks ? 'Succeeded' : 'Pending';
    return { deployment: next, effects: [] };
  }
  if (event.hookStatus === 'Succeeded') {
    end(event, 'Succeeded', now);
    return { deployment: next, effects: [] };
  }
  if (event.hookStatus === 'Failed') {
    return fail(next, 'HOOK_EXECUTION_FAILURE', `The ${event.lifecycleEventName} hook (${fn}) reported Failed.`, now, event);
  }
  return { deployment: d, effects: [] };
}

/** Before BeforeAllowTraffic: the Ready state when the group says STOP_DEPLOYMENT, until ContinueDeployment. */
function readyWait(next: DeploymentRecord, now: number, options: FlowOptions): FlowStep | 'unchanged' | undefined {
  const ready = next.blueGreen.deploymentReadyOption;
  if (ready.actionOnTimeout !== 'STOP_DEPLOYMENT' || next.continued === 'READY_WAIT') {
    if (next.status === 'Ready') {
      next.status = 'InProgress';
      next.phase = 'shifting';
    }
    return undefined;
  }
  if (next.status !== 'Ready') {
    next.status = 'Ready';
    next.phase = 'ready-wait';
    next.dueAt = now + minutes(ready.waitTimeInMinutes, options);
    return { deployment: next, effects: [] };
  }
  if (now < (next.dueAt ?? 0)) return 'unchanged';
  next.stopRequested = {
    rollback: true,
    reason: 'failure',
    code: 'TIMEOUT',
    message: 'The deployment was not continued within the ready wait time (deploymentReadyOption STOP_DEPLOYMENT).',
  };
  return stopStep(next, now);
}

function allowTrafficStep(
  d: DeploymentRecord,
  next: DeploymentRecord,
  event: LifecycleEventRecord,
  now: number,
  options: FlowOptions,
): FlowStep {
  const steps = trafficSteps(next.trafficRouting);
  const interval = minutes(next.trafficRouting.intervalMinutes ?? 0, options);
  if (event.status === 'Pending') {
    begin(event, now);
    next.phase = 'shifting';
    next.trafficShifted = steps[0]!;
    next.dueAt = now + interval;
    return { deployment: next, effects: [{ type: 'route-prod', greenPercent: steps[0]! }] };
  }
  if (next.trafficShifted >= 100) {
    end(event, 'Succeeded', now);
    next.dueAt = undefined;
    return { deployment: next, effects: [] };
  }
  if (now < (next.dueAt ?? 0)) return { deployment: d, effects: [] };
  const step = steps.find((s) => s > next.trafficShifted) ?? 100;
  next.trafficShifted = step;
  next.dueAt = now + interval;
  return { deployment: next, effects: [{ type: 'route-prod', greenPercent: step }] };
}

function allTrafficShifted(next: DeploymentRecord, now: number, options: FlowOptions): FlowStep {
  next.greenPrimary = true;
  const terminate = next.blueGreen.terminateBlueInstancesOnDeploymentSuccess;
  if (terminate.action === 'KEEP_ALIVE') return succeed(next, now, [{ type: 'set-primary', taskSet: 'green' }]);
  next.phase = 'termination-wait';
  next.instanceTerminationWaitTimeStarted = true;
  next.dueAt = now + minutes(terminate.terminationWaitTimeInMinutes, options);
  return { deployment: next, effects: [{ type: 'set-primary', taskSet: 'green' }] };
}

function succeed(next: DeploymentRecord, now: number, effects: DeploymentEffect[]): FlowStep {
  next.status = 'Succeeded';
  next.phase = 'done';
  next.completeTime = now;
  next.dueAt = undefined;
  return { deployment: next, effects };
}

/** A failure found by the flow: the deployment fails, and rolls back when the group says so. */
export function fail(next: DeploymentRecord, code: string, message: string, now: number, event?: LifecycleEventRecord): FlowStep {
  if (event) end(event, 'Failed', now);
  const rollback = !!next.autoRollback?.enabled && next.autoRollback.events.includes('DEPLOYMENT_FAILURE');
  next.stopRequested = { rollback, reason: 'failure', code, message };
  return stopStep(next, now);
}

function stopStep(d: DeploymentRecord, now: number): FlowStep {
  const next = structuredClone(d);
  const stop = next.stopRequested!;
  next.status = stop.reason === 'user' ? 'Stopped' : 'Failed';
  next.phase = 'done';
  next.completeTime = now;
  next.dueAt = undefined;
  next.errorInformation = { code: stop.code ?? (stop.reason === 'user' ? 'MANUAL_STOP' : 'INTERNAL_ERROR'), message: stop.message };
  for (const e of next.lifecycleEvents) {
    if (e.status === 'InProgress') end(e, stop.reason === 'user' ? 'Skipped' : 'Failed', now);
    else if (e.status === 'Pending') e.status = 'Skipped';
  }
  const started = next.target.blueTaskSetId !== undefined;
  return { deployment: next, effects: stop.rollback && started ? [{ type: 'start-rollback' }] : [] };
}

/** The deployment that rolls `original` back: traffic to blue, blue primary again, green deleted. */
export function rollbackDeploymentOf(original: DeploymentRecord, deploymentId: string, now: number): DeploymentRecord {
  const lifecycleEvents = newLifecycleEvents().map((e) => ({ ...e, status: 'Skipped' as const }));
  return {
    ...structuredClone(original),
    deploymentId,
    status: 'InProgress',
    creator: 'autoRollback',
    createTime: now,
    startTime: now,
    completeTime: undefined,
    errorInformation: undefined,
    stopRequested: undefined,
    continued: undefined,
    dueAt: undefined,
    instanceTerminationWaitTimeStarted: false,
    lifecycleEvents,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: original.deploymentId,
      rollbackMessage: `Rollback of deployment ${original.deploymentId}.`,
    },
    statusMessages: [],
    phase: 'rollback',
  };
}

function rollbackStep(d: DeploymentRecord, now: number): FlowStep {
  const next = structuredClone(d);
  const effects: DeploymentEffect[] = [];
  if (next.trafficShifted > 0) effects.push({ type: 'route-prod', greenPercent: 0 });
  if (next.target.testListenerArns.length > 0) effects.push({ type: 'route-test', to: 'blue' });
  if (next.greenPrimary) effects.push({ type: 'set-primary', taskSet: 'blue' });
  if (next.greenTaskSetId) effects.push({ type: 'delete-task-set', taskSet: 'green' });
  const allow = next.lifecycleEvents.find((e) => e.lifecycleEventName === ('AllowTraffic' as EcsLifecycleEventName))!;
  allow.status = 'Succeeded';
  allow.startTime = now;
  allow.endTime = now;
  next.trafficShifted = 0;
  next.greenPrimary = false;
  return succeed(next, now, effects);
}

/**
 * The engine's next state written over what the store holds now: requests that arrived while the engine worked
 * (StopDeployment, ContinueDeployment, hook results) are kept, never overwritten by the engine's older copy.
 */
export function keepRequests(current: DeploymentRecord, next: DeploymentRecord): DeploymentRecord {
  if (next.phase === 'done' || next.phase === 'rollback') return next;
  const merged = { ...next };
  if (current.stopRequested && !next.stopRequested) merged.stopRequested = current.stopRequested;
  if (current.continued && !next.continued) merged.continued = current.continued;
  merged.lifecycleEvents = next.lifecycleEvents.map((e) => {
    const c = current.lifecycleEvents.find((x) => x.hookExecutionId !== undefined && x.hookExecutionId === e.hookExecutionId);
    return c && c.hookStatus !== 'Pending' && e.hookStatus === 'Pending' ? { ...e, hookStatus: c.hookStatus } : e;
  });
  return merged;
}
