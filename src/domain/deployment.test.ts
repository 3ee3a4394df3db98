import { describe, expect, it } from 'vitest';
import {
  chooseScaleIn,
  conditionOf,
  failureThreshold,
  isDeploymentComplete,
  isFailedTask,
  isSteady,
  planRollout,
  type ClassifiedTask,
  type RolloutInput,
  type TaskCondition,
} from './deployment.js';

let seq = 0;
const task = (deploymentId: string, condition: TaskCondition, capacityProvider = 'FARGATE'): ClassifiedTask => {
  seq += 1;
  return {
    taskId: `t${seq}`,
    deploymentId,
    capacityProvider,
    lastStatus: condition === 'pending' ? 'PENDING' : condition === 'stopped' ? 'STOPPED' : 'RUNNING',
    desiredStatus: condition === 'stopping' || condition === 'stopped' ? 'STOPPED' : 'RUNNING',
    healthStatus: 'UNKNOWN',
    healthChecked: false,
    condition,
  };
};
const FARGATE = [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
const input = (over: Partial<RolloutInput>): RolloutInput => ({
  desiredCount: 2,
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  primaryId: 'new',
  primaryLaunchable: true,
  strategy: FARGATE,
  tasks: [],
  ...over,
});

describe('conditionOf', () => {
  const base = { taskId: 'x', deploymentId: 'd', capacityProvider: 'FARGATE', healthStatus: 'UNKNOWN' as const, healthChecked: false };
  it('classifies by status, desired status and health, honouring the grace period', () => {
    expect(conditionOf({ ...base, lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING' }, 0, 0)).toBe('pending');
    expect(conditionOf({ ...base, lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, 0, 0)).toBe('healthy');
    expect(conditionOf({ ...base, lastStatus: 'RUNNING', desiredStatus: 'STOPPED' }, 0, 0)).toBe('stopping');
    expect(conditionOf({ ...base, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }, 0, 0)).toBe('stopped');
    const checked = { ...base, lastStatus: 'RUNNING' as const, desiredStatus: 'RUNNING' as const, healthChecked: true, startedAt: 1000 };
    expect(conditionOf(checked, 2000, 0)).toBe('starting');
    expect(conditionOf({ ...checked, healthStatus: 'HEALTHY' }, 2000, 0)).toBe('healthy');
    expect(conditionOf({ ...checked, healthStatus: 'UNHEALTHY' }, 2000, 5000)).toBe('starting');
    expect(conditionOf({ ...checked, healthStatus: 'UNHEALTHY' }, 7000, 5000)).toBe('unhealthy');
  });
});

describe('planRollout', () => {
  it('counts a new task with no essential health check towards minimumHealthyPercent only after the delay', () => {
    const running = (deploymentId: string, startedAt: number, healthChecked = false) => ({
      ...task(deploymentId, 'healthy'),
      startedAt,
      healthChecked,
    });
    const old = [running('old', -100_000), running('old', -100_000)];
    const fresh = [running('new', 10_000), running('new', 10_000)];
    const at = (now: number, tasks = [...old, ...fresh]) => planRollout(input({ tasks, now, healthyCountDelayMs: 40_000 }));
    // 10 s after RUNNING: the old tasks stay, and the deployment is waiting, not stuck.
    expect(at(20_000)).toMatchObject({ start: 0, stop: [], stuck: false });
    expect(at(50_000).stop.map((s) => [s.taskId, s.why])).toEqual(old.map((t) => [t.taskId, 'replaced']));
    // A health check that passed counts at once.
    expect(at(20_000, [...old, ...fresh.map((t) => ({ ...t, healthChecked: true, healthStatus: 'HEALTHY' as const }))]).stop).toHaveLength(
      2,
    );
    // Without a delay (the default), RUNNING counts at once.
    expect(planRollout(input({ tasks: [...old, ...fresh], now: 20_000 })).stop).toHaveLength(2);
  });

  it('starts the missing tasks of a new service', () => {
    const plan = planRollout(input({ desiredCount: 3 }));
    expect(plan).toMatchObject({ start: 3, providers: ['FARGATE', 'FARGATE', 'FARGATE'], stop: [], stuck: false });
  });

  it('replaces a stopped task and nothing else in steady state', () => {
    const plan = planRollout(input({ tasks: [task('new', 'healthy'), task('new', 'stopped')] }));
    expect(plan.start).toBe(1);
    expect(plan.stop).toEqual([]);
  });

  it('rolls 100/200: starts the new tasks first, stops none of the old until new ones are healthy', () => {
    const old = [task('old', 'healthy'), task('old', 'healthy')];
    const first = planRollout(input({ tasks: old }));
    expect(first.start).toBe(2);
    expect(first.stop).toEqual([]);
    const halfway = planRollout(input({ tasks: [...old, task('new', 'healthy'), task('new', 'pending')] }));
    expect(halfway.start).toBe(0);
    expect(halfway.stop.map((s) => s.taskId)).toEqual([old[0]!.taskId]);
    expect(halfway.stop[0]!.why).toBe('replaced');
  });

  it('rolls 50/100: stops old tasks down to the floor before starting any', () => {
    const old = [task('old', 'healthy'), task('old', 'healthy'), task('old', 'healthy'), task('old', 'healthy')];
    const plan = planRollout(input({ desiredCount: 4, minimumHealthyPercent: 50, maximumPercent: 100, tasks: old }));
    expect(plan.stop).toHaveLength(2);
    expect(plan.start).toBe(2);
  });

  it('never plans fewer healthy tasks than the minimum nor more tasks than the maximum', () => {
    for (const [min, max] of [
      [100, 200],
      [50, 150],
      [0, 100],
      [75, 125],
    ] as const) {
      for (let desired = 1; desired <= 6; desired++) {
        let tasks: ClassifiedTask[] = Array.from({ length: desired }, () => task('old', 'healthy'));
        for (let round = 0; round < 50; round++) {
          const plan = planRollout(input({ desiredCount: desired, minimumHealthyPercent: min, maximumPercent: max, tasks }));
          if (plan.stuck) break;
          const stopped = new Set(plan.stop.map((s) => s.taskId));
          tasks = tasks.filter((t) => !stopped.has(t.taskId));
          const healthyAfterStops = tasks.filter((t) => t.condition === 'healthy').length;
          expect(healthyAfterStops).toBeGreaterThanOrEqual(Math.min(Math.ceil((desired * min) / 100), desired));
          tasks = [...tasks, ...Array.from({ length: plan.start }, () => task('new', 'pending'))];
          expect(tasks.length).toBeLessThanOrEqual(Math.max(Math.floor((desired * max) / 100), desired));
          // New tasks become healthy by the next round.
          tasks = tasks.map((t) => (t.condition === 'pending' ? { ...t, condition: 'healthy' } : t));
          if (isDeploymentComplete(desired, 'new', tasks)) break;
        }
        // A rollout only gets stuck when the floor and the ceiling both equal the desired count.
        const stuck = Math.ceil((desired * min) / 100) >= desired && Math.floor((desired * max) / 100) <= desired;
        expect(isDeploymentComplete(desired, 'new', tasks)).toBe(!stuck);
      }
    }
  });

  it('reports a configuration that allows neither a start nor a stop', () => {
    const old = [task('old', 'healthy'), task('old', 'healthy')];
    const plan = planRollout(input({ minimumHealthyPercent: 100, maximumPercent: 100, tasks: old }));
    expect(plan).toMatchObject({ start: 0, stop: [], stuck: true });
  });

  it('launches nothing and stops nothing old for a FAILED primary', () => {
    const plan = planRollout(input({ primaryLaunchable: false, tasks: [task('old', 'healthy'), task('old', 'healthy')] }));
    expect(plan).toMatchObject({ start: 0, stop: [], stuck: false });
  });

  it('replaces unhealthy tasks', () => {
    const sick = task('new', 'unhealthy');
    const plan = planRollout(input({ tasks: [task('new', 'healthy'), sick] }));
    expect(plan.stop).toEqual([{ taskId: sick.taskId, deploymentId: 'new', why: 'unhealthy' }]);
    expect(plan.start).toBe(1);
  });

  it('scales in pending tasks first, then keeps the provider split', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', weight: 1, base: 0 },
      { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 },
    ];
    const pending = task('new', 'pending', 'FARGATE_SPOT');
    const tasks = [task('new', 'healthy', 'FARGATE'), task('new', 'healthy', 'FARGATE'), task('new', 'healthy', 'FARGATE_SPOT'), pending];
    const plan = planRollout(input({ desiredCount: 2, strategy, tasks }));
    expect(plan.stop.map((s) => s.taskId)).toContain(pending.taskId);
    const kept = tasks
      .filter((t) => !plan.stop.some((s) => s.taskId === t.taskId))
      .map((t) => t.capacityProvider)
      .sort();
    expect(kept).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(plan.stop.every((s) => s.why === 'scale-in')).toBe(true);
  });

  it('spreads new tasks by base and weight, counting the ones already running', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', weight: 1, base: 2 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
    ];
    const plan = planRollout(
      input({ desiredCount: 6, strategy, tasks: [task('new', 'healthy', 'FARGATE'), task('new', 'healthy', 'FARGATE')] }),
    );
    expect(plan.providers.filter((p) => p === 'FARGATE_SPOT')).toHaveLength(3);
    expect(plan.providers.filter((p) => p === 'FARGATE')).toHaveLength(1);
  });
});

describe('chooseScaleIn', () => {
  it('takes from the provider furthest above its share', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', weight: 1, base: 0 },
      { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 },
    ];
    const tasks = [
      task('d', 'healthy', 'FARGATE'),
      task('d', 'healthy', 'FARGATE'),
      task('d', 'healthy', 'FARGATE'),
      task('d', 'healthy', 'FARGATE_SPOT'),
    ];
    const chosen = chooseScaleIn(tasks, 2, strategy, 2);
    expect(chosen.map((t) => t.capacityProvider)).toEqual(['FARGATE', 'FARGATE']);
  });
});

describe('circuit breaker', () => {
  it.each([
    [1, 3],
    [2, 3],
    [6, 3],
    [7, 4],
    [25, 13],
    [400, 200],
    [800, 200],
  ])('threshold for %i desired tasks is %i', (desired, threshold) => {
    expect(failureThreshold(desired)).toBe(threshold);
  });

  it('counts tasks that failed to start, exited or failed health checks, not those stopped on purpose', () => {
    expect(isFailedTask({ stopCode: 'TaskFailedToStart' })).toBe(true);
    expect(isFailedTask({ stopCode: 'EssentialContainerExited' })).toBe(true);
    expect(isFailedTask({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks' })).toBe(true);
    expect(
      isFailedTask({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)' }),
    ).toBe(false);
    expect(isFailedTask({ stopCode: 'SpotInterruption' })).toBe(false);
    expect(isFailedTask({ stopCode: 'UserInitiated' })).toBe(false);
  });
});

describe('steady state and completion', () => {
  it('ignores tasks on their way out for steady state but not for completion', () => {
    const tasks = [task('new', 'healthy'), task('new', 'healthy'), task('old', 'stopping')];
    expect(isSteady(2, 'new', tasks)).toBe(true);
    expect(isDeploymentComplete(2, 'new', tasks)).toBe(false);
    expect(isDeploymentComplete(2, 'new', [tasks[0]!, tasks[1]!, task('old', 'stopped')])).toBe(true);
    expect(isSteady(2, 'new', [tasks[0]!, task('new', 'pending')])).toBe(false);
  });
});
