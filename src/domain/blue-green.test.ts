import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import {
  expireHooks,
  hookOutcome,
  hooksOf,
  nextStage,
  strategySettingsOf,
  trafficSteps,
  weightedForward,
  weightsFor,
  type HookRun,
} from './blue-green.js';

describe('traffic steps', () => {
  it('BLUE_GREEN shifts everything at once', () => {
    expect(trafficSteps({ strategy: 'BLUE_GREEN' })).toEqual([{ greenPercent: 100, bakeMinutes: 0 }]);
  });

  it('LINEAR shifts stepPercent at a time, with no wait after 100 percent', () => {
    expect(
      trafficSteps(strategySettingsOf({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 2 } })),
    ).toEqual([
      { greenPercent: 30, bakeMinutes: 2 },
      { greenPercent: 60, bakeMinutes: 2 },
      { greenPercent: 90, bakeMinutes: 2 },
      { greenPercent: 100, bakeMinutes: 0 },
    ]);
    expect(trafficSteps(strategySettingsOf({ strategy: 'LINEAR' })).map((s) => s.greenPercent)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(trafficSteps(strategySettingsOf({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 3.3 } }))[2]).toEqual({
      greenPercent: 9.9,
      bakeMinutes: 6,
    });
  });

  it('CANARY shifts canaryPercent, bakes, then the rest', () => {
    expect(trafficSteps(strategySettingsOf({ strategy: 'CANARY' }))).toEqual([
      { greenPercent: 5, bakeMinutes: 10 },
      { greenPercent: 100, bakeMinutes: 0 },
    ]);
    expect(trafficSteps(strategySettingsOf({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 100 } }))).toEqual([
      { greenPercent: 100, bakeMinutes: 0 },
    ]);
  });
});

describe('listener rule weights', () => {
  it('puts greenPercent on green, out of 100 for whole percents and out of 1000 for tenths', () => {
    expect(weightsFor('b', 'g', 0)).toEqual([
      { targetGroupArn: 'b', weight: 100 },
      { targetGroupArn: 'g', weight: 0 },
    ]);
    expect(weightsFor('b', 'g', 20)).toEqual([
      { targetGroupArn: 'b', weight: 80 },
      { targetGroupArn: 'g', weight: 20 },
    ]);
    expect(weightsFor('b', 'g', 100)).toEqual([
      { targetGroupArn: 'b', weight: 0 },
      { targetGroupArn: 'g', weight: 100 },
    ]);
    expect(weightsFor('b', 'g', 0.1)).toEqual([
      { targetGroupArn: 'b', weight: 999 },
      { targetGroupArn: 'g', weight: 1 },
    ]);
  });

  it('keeps the stickiness of the forward it replaces', () => {
    const before = [
      {
        type: 'forward' as const,
        forward: { targetGroups: [{ targetGroupArn: 'b', weight: 1 }], stickiness: { enabled: true, durationSeconds: 60 }, single: true },
      },
    ];
    expect(weightedForward(before, weightsFor('b', 'g', 50))[0]?.forward).toEqual({
      targetGroups: [
        { targetGroupArn: 'b', weight: 50 },
        { targetGroupArn: 'g', weight: 50 },
      ],
      stickiness: { enabled: true, durationSeconds: 60 },
      single: false,
    });
  });
});

describe('strategy settings', () => {
  it('takes AWS defaults and keeps the current settings on an update that does not name them', () => {
    const linear = strategySettingsOf({ strategy: 'LINEAR', bakeTimeInMinutes: 5 });
    expect(linear).toEqual({
      strategy: 'LINEAR',
      bakeTimeInMinutes: 5,
      linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 6 },
    });
    expect(strategySettingsOf({ bakeTimeInMinutes: 7 }, linear)).toMatchObject({ strategy: 'LINEAR', bakeTimeInMinutes: 7 });
    expect(strategySettingsOf(undefined)).toEqual({ strategy: 'ROLLING' });
  });

  it.each([
    [{ strategy: 'SIDEWAYS' }],
    [{ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2.9 } }],
    [{ strategy: 'LINEAR', linearConfiguration: { stepPercent: 10.05 } }],
    [{ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 100.1 } }],
    [{ strategy: 'CANARY', canaryConfiguration: { canaryBakeTimeInMinutes: -1 } }],
    [{ strategy: 'BLUE_GREEN', linearConfiguration: { stepPercent: 10 } }],
    [{ strategy: 'BLUE_GREEN', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['BAKE_TIME'] }] }],
    [{ strategy: 'BLUE_GREEN', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [] }] }],
  ])('refuses %j with InvalidParameterException', (input) => {
    expect(catchEcsError(() => strategySettingsOf(input)).code).toBe('InvalidParameterException');
  });

  it('runs hooks at the stages they name, stages in order', () => {
    const s = strategySettingsOf({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [
        { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'] },
        { hookTargetArn: 'arn:aws:lambda:us-east-1:1:function:f', lifecycleStages: ['POST_SCALE_UP'] },
      ],
    });
    expect(hooksOf(s, 'POST_SCALE_UP').map((h) => h.targetType)).toEqual(['PAUSE', 'AWS_LAMBDA']);
    expect(hooksOf(s, 'SCALE_UP')).toEqual([]);
    expect(nextStage('POST_PRODUCTION_TRAFFIC_SHIFT')).toBe('BAKE_TIME');
    expect(nextStage('CLEAN_UP')).toBeUndefined();
    expect(nextStage('RECONCILE_SERVICE')).toBe('PRE_SCALE_UP');
  });
});

describe('lifecycle hook timeouts', () => {
  const run = (over: Partial<HookRun>): HookRun => ({
    hookId: 'h',
    stage: 'POST_SCALE_UP',
    targetType: 'PAUSE',
    status: 'AWAITING_ACTION',
    startedAt: 0,
    expiresAt: 100,
    timeoutAction: 'ROLLBACK',
    ...over,
  });

  it('an unanswered hook waits until it expires, then takes its timeout action', () => {
    const rollback = [run({})];
    expect(expireHooks(rollback, 99)).toBe(100);
    expect(hookOutcome(rollback)).toBeUndefined();
    expect(expireHooks(rollback, 100)).toBeUndefined();
    expect(rollback[0]!.status).toBe('TIMED_OUT');
    expect(hookOutcome(rollback)).toBe(false);

    const goOn = [run({ timeoutAction: 'CONTINUE' }), run({ hookId: 'h2', expiresAt: 200 })];
    expect(expireHooks(goOn, 150)).toBe(200);
    expect(hookOutcome(goOn)).toBeUndefined();
    goOn[1]!.status = 'SUCCEEDED';
    expect(hookOutcome(goOn)).toBe(true);
  });

  it('an answered hook does not time out', () => {
    const runs = [run({ status: 'SUCCEEDED' })];
    expect(expireHooks(runs, 1000)).toBeUndefined();
    expect(runs[0]!.status).toBe('SUCCEEDED');
  });

  it('timeoutConfiguration is checked against AWS ranges', () => {
    const hook = (timeoutConfiguration: unknown) => ({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration }],
    });
    expect(strategySettingsOf(hook({ timeoutInMinutes: 20_160, action: 'CONTINUE' })).lifecycleHooks?.[0]?.timeoutConfiguration).toEqual({
      timeoutInMinutes: 20_160,
      action: 'CONTINUE',
    });
    expect(catchEcsError(() => strategySettingsOf(hook({ timeoutInMinutes: 0 }))).code).toBe('InvalidParameterException');
    expect(catchEcsError(() => strategySettingsOf(hook({ timeoutInMinutes: 20_161 }))).code).toBe('InvalidParameterException');
    expect(catchEcsError(() => strategySettingsOf(hook({ action: 'ABORT' }))).code).toBe('InvalidParameterException');
  });
});
