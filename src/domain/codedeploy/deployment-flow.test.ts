import { describe, expect, it } from 'vitest';
import { parseEcsAppSpec } from './appspec.js';
import { predefinedConfig } from './deployment-configs.js';
import {
  advanceDeployment,
  type DeploymentEffect,
  type DeploymentObservation,
  keepRequests,
  newLifecycleEvents,
  rollbackDeploymentOf,
} from './deployment-flow.js';
import type { DeploymentRecord } from './records.js';

const TG_A = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/a/1';
const TG_B = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/b/2';
const MINUTE = 60_000;

function deployment(config: string, overrides: Partial<DeploymentRecord> = {}, hooks = ''): DeploymentRecord {
  const appSpec = parseEcsAppSpec(
    `version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: web:2\n        LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n${hooks}`,
  );
  return {
    deploymentId: 'd-AAAAAAAAA',
    applicationName: 'app',
    deploymentGroupName: 'dg',
    deploymentConfigName: config,
    trafficRouting: predefinedConfig(config)!.trafficRouting,
    blueGreen: {
      terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 5 },
      deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
    },
    status: 'Created',
    creator: 'user',
    createTime: 0,
    revision: {},
    appSpec,
    target: { clusterName: 'c', serviceName: 's', targetGroupArns: [TG_A, TG_B], prodListenerArns: ['prod'], testListenerArns: ['test'] },
    lifecycleEvents: newLifecycleEvents(),
    statusMessages: [],
    phase: 'start',
    trafficShifted: 0,
    instanceTerminationWaitTimeStarted: false,
    ...overrides,
  };
}

/** Runs the flow on a fixed clock: steps until nothing changes, recording effects; `obs` is what ECS shows. */
function runner(initial: DeploymentRecord, options = { timeScale: 1, autoSucceedHooks: false }) {
  let d = initial;
  let now = 0;
  let hookIds = 0;
  const effects: (DeploymentEffect & { at: number })[] = [];
  const obs: DeploymentObservation = { blue: { taskSetId: 'ecs-svc/blue', targetGroupArn: TG_A, taskDefinition: 'web:1' } };
  const settle = () => {
    for (let i = 0; i < 100; i++) {
      const step = advanceDeployment(d, obs, now, { ...options, newHookExecutionId: () => `hook-${++hookIds}` });
      effects.push(...step.effects.map((e) => ({ ...e, at: now })));
      if (step.effects.some((e) => e.type === 'create-green')) step.deployment.greenTaskSetId = 'ecs-svc/green';
      if (step.deployment === d) return d;
      d = step.deployment;
    }
    throw new Error('the flow did not settle');
  };
  return {
    obs,
    effects,
    settle,
    get d() {
      return d;
    },
    set d(v) {
      d = v;
    },
    at(t: number) {
      now = t;
      return settle();
    },
  };
}

const routes = (effects: DeploymentEffect[]) =>
  effects.filter((e) => e.type === 'route-prod').map((e) => (e as { greenPercent: number }).greenPercent);

describe('advanceDeployment', () => {
  it('creates green in the other target group and waits for it to be stable before any traffic moves', () => {
    const r = runner(deployment('CodeDeployDefault.ECSAllAtOnce'));
    r.at(0);
    expect(r.d.status).toBe('InProgress');
    expect(r.d.target.greenTargetGroupArn).toBe(TG_B);
    expect(r.effects.map((e) => e.type)).toEqual(['create-green']);
    expect(r.d.lifecycleEvents.find((e) => e.lifecycleEventName === 'Install')!.status).toBe('InProgress');
    r.obs.greenStability = 'STABILIZING';
    r.at(1000);
    expect(r.effects).toHaveLength(1);
    r.obs.greenStability = 'STEADY_STATE';
    r.at(2000);
    expect(r.effects.map((e) => e.type)).toEqual(['create-green', 'route-test', 'route-prod', 'set-primary']);
    expect(routes(r.effects)).toEqual([100]);
    expect(r.d.lifecycleEvents.map((e) => [e.lifecycleEventName, e.status])).toEqual([
      ['BeforeInstall', 'Skipped'],
      ['Install', 'Succeeded'],
      ['AfterInstall', 'Skipped'],
      ['AllowTestTraffic', 'Succeeded'],
      ['AfterAllowTestTraffic', 'Skipped'],
      ['BeforeAllowTraffic', 'Skipped'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Skipped'],
    ]);
  });

  it('shifts a canary step, the rest after the interval, and deletes blue only after the termination wait', () => {
    const r = runner(deployment('CodeDeployDefault.ECSCanary10Percent5Minutes'));
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    expect(routes(r.effects)).toEqual([10]);
    r.at(5 * MINUTE - 1);
    expect(routes(r.effects)).toEqual([10]);
    r.at(5 * MINUTE);
    expect(routes(r.effects)).toEqual([10, 100]);
    expect(r.d.phase).toBe('termination-wait');
    expect(r.d.instanceTerminationWaitTimeStarted).toBe(true);
    expect(r.d.status).toBe('InProgress');
    r.at(10 * MINUTE - 1);
    expect(r.effects.some((e) => e.type === 'delete-task-set')).toBe(false);
    r.at(10 * MINUTE);
    expect(r.effects.at(-1)).toEqual({ type: 'delete-task-set', taskSet: 'blue', at: 10 * MINUTE });
    expect(r.d.status).toBe('Succeeded');
  });

  it('shifts linear steps of 10% every interval, scaled by timeScale', () => {
    const r = runner(deployment('CodeDeployDefault.ECSLinear10PercentEvery3Minutes'), { timeScale: 0.01, autoSucceedHooks: false });
    r.obs.greenStability = 'STEADY_STATE';
    for (let t = 0; t <= 10 * 1800; t += 1800) r.at(t);
    expect(routes(r.effects)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(r.effects.filter((e) => e.type === 'route-prod').map((e) => e.at)).toEqual([
      0, 1800, 3600, 5400, 7200, 9000, 10800, 12600, 14400, 16200,
    ]);
  });

  it('waits for each hook until its status is put, and fails (rolling back) on a Failed hook', () => {
    const hooks = 'Hooks:\n  - AfterInstall: CheckInstall\n  - BeforeAllowTraffic: CheckTraffic\n';
    const r = runner(
      deployment('CodeDeployDefault.ECSAllAtOnce', { autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE'] } }, hooks),
    );
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    const after = r.d.lifecycleEvents.find((e) => e.lifecycleEventName === 'AfterInstall')!;
    expect(after).toMatchObject({ status: 'InProgress', hookExecutionId: 'hook-1', hookStatus: 'Pending' });
    r.at(MINUTE);
    expect(r.d.lifecycleEvents.find((e) => e.lifecycleEventName === 'AfterInstall')!.status).toBe('InProgress');
    r.d = {
      ...r.d,
      lifecycleEvents: r.d.lifecycleEvents.map((e) => (e.hookExecutionId === 'hook-1' ? { ...e, hookStatus: 'Succeeded' } : e)),
    };
    r.at(2 * MINUTE);
    expect(r.d.lifecycleEvents.find((e) => e.lifecycleEventName === 'BeforeAllowTraffic')).toMatchObject({
      status: 'InProgress',
      hookExecutionId: 'hook-2',
    });
    r.d = {
      ...r.d,
      lifecycleEvents: r.d.lifecycleEvents.map((e) => (e.hookExecutionId === 'hook-2' ? { ...e, hookStatus: 'Failed' } : e)),
    };
    r.at(3 * MINUTE);
    expect(r.d.status).toBe('Failed');
    expect(r.d.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    expect(r.effects.at(-1)!.type).toBe('start-rollback');
    expect(routes(r.effects)).toEqual([]);
  });

  it('auto-succeeds hooks when asked to', () => {
    const r = runner(deployment('CodeDeployDefault.ECSAllAtOnce', {}, 'Hooks:\n  - AfterInstall: CheckInstall\n'), {
      timeScale: 1,
      autoSucceedHooks: true,
    });
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    expect(r.d.lifecycleEvents.find((e) => e.lifecycleEventName === 'AfterInstall')!.status).toBe('Succeeded');
    expect(r.d.phase).toBe('termination-wait');
  });

  it('stops in Ready with STOP_DEPLOYMENT until ContinueDeployment, and times out into a stop', () => {
    const blueGreen = {
      terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE' as const, terminationWaitTimeInMinutes: 0 },
      deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT' as const, waitTimeInMinutes: 30 },
    };
    const r = runner(deployment('CodeDeployDefault.ECSAllAtOnce', { blueGreen }));
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    expect(r.d.status).toBe('Ready');
    expect(routes(r.effects)).toEqual([]);
    r.d = { ...r.d, continued: 'READY_WAIT' };
    r.at(MINUTE);
    expect(routes(r.effects)).toEqual([100]);
    expect(r.d.status).toBe('Succeeded');

    const late = runner(deployment('CodeDeployDefault.ECSAllAtOnce', { blueGreen }));
    late.obs.greenStability = 'STEADY_STATE';
    late.at(0);
    late.at(30 * MINUTE);
    expect(late.d.status).toBe('Failed');
    expect(late.effects.at(-1)!.type).toBe('start-rollback');
  });

  it('stops on request mid-shift and the rollback deployment puts traffic back on blue and deletes green', () => {
    const r = runner(deployment('CodeDeployDefault.ECSCanary10Percent5Minutes'));
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    r.d = keepRequests({ ...r.d, stopRequested: { rollback: true, reason: 'user', message: 'stopped' } }, r.d);
    r.at(MINUTE);
    expect(r.d.status).toBe('Stopped');
    expect(r.effects.at(-1)!.type).toBe('start-rollback');
    const rollback = rollbackDeploymentOf(r.d, 'd-BBBBBBBBB', MINUTE);
    const step = advanceDeployment(rollback, r.obs, MINUTE, { timeScale: 1, autoSucceedHooks: false, newHookExecutionId: () => 'x' });
    expect(step.effects).toEqual([
      { type: 'route-prod', greenPercent: 0 },
      { type: 'route-test', to: 'blue' },
      { type: 'delete-task-set', taskSet: 'green' },
    ]);
    expect(step.deployment).toMatchObject({
      status: 'Succeeded',
      creator: 'autoRollback',
      rollbackInfo: { rollbackTriggeringDeploymentId: 'd-AAAAAAAAA' },
    });
  });

  it('rolls back after green became primary: blue is primary again', () => {
    const r = runner(deployment('CodeDeployDefault.ECSAllAtOnce'));
    r.obs.greenStability = 'STEADY_STATE';
    r.at(0);
    expect(r.d.phase).toBe('termination-wait');
    r.d = { ...r.d, stopRequested: { rollback: true, reason: 'user', message: 'stopped' } };
    r.at(MINUTE);
    const step = advanceDeployment(rollbackDeploymentOf(r.d, 'd-B', MINUTE), r.obs, MINUTE, {
      timeScale: 1,
      autoSucceedHooks: false,
      newHookExecutionId: () => 'x',
    });
    expect(step.effects.map((e) => e.type)).toEqual(['route-prod', 'route-test', 'set-primary', 'delete-task-set']);
  });

  it('keeps requests that arrived while the engine worked', () => {
    const d = deployment('CodeDeployDefault.ECSAllAtOnce');
    const stored = { ...d, continued: 'READY_WAIT' as const, stopRequested: { rollback: false, reason: 'user' as const, message: 'm' } };
    const merged = keepRequests(stored, { ...d, status: 'InProgress' });
    expect(merged).toMatchObject({ status: 'InProgress', continued: 'READY_WAIT', stopRequested: { rollback: false } });
  });
});
