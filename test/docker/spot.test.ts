// Fargate Spot on real containers: an interruption and its replacement, SIGTERM then SIGKILL after the grace
// period, base and weight across FARGATE and FARGATE_SPOT, and Spot capacity running out.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  RunTaskCommand,
  waitUntilServicesStable,
  waitUntilTasksRunning,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, runningTasksOf } from '../support/services.js';
import {
  AWSVPC,
  dockerContainerOf,
  DRAINING_APP,
  registerBusybox,
  startDockerEmulator,
  STUBBORN_APP,
  untilTermHandled,
  type DockerEmulator,
} from './support/docker-emulator.js';
import { docker } from './support/docker-harness.js';

const GRACE_SECONDS = 3;
const SPOT = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];

let d: DockerEmulator;
let drainer: string;
let stubborn: string;
beforeAll(async () => {
  d = await startDockerEmulator('spot', { spotGraceMs: GRACE_SECONDS * 1000 });
  drainer = await registerBusybox(d.ecs, 'spot-drainer', DRAINING_APP);
  stubborn = await registerBusybox(d.ecs, 'spot-stubborn', STUBBORN_APP);
});
afterEach(() => d.control.clearFaults());
afterAll(() => d?.close());

const waiter = () => ({ client: d.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 });
let clusters = 0;
async function cluster(): Promise<string> {
  const name = `spot-${++clusters}`;
  await d.ecs.send(new CreateClusterCommand({ clusterName: name, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }));
  return name;
}
const describeTask = async (clusterName: string, taskArn: string): Promise<Task> =>
  (await d.ecs.send(new DescribeTasksCommand({ cluster: clusterName, tasks: [taskArn] }))).tasks![0]!;
const stoppedTask = (clusterName: string, taskArn: string) =>
  eventually(
    async () => {
      const t = await describeTask(clusterName, taskArn);
      return t.lastStatus === 'STOPPED' ? t : undefined;
    },
    30_000,
    `${taskArn} to stop`,
  );

describe('Spot interruption', () => {
  it('a service of three Spot tasks loses one to an interruption: warning event, SpotInterruption, back to three', async () => {
    const name = `svc-${++clusters}`;
    await d.ecs.send(
      new CreateClusterCommand({ clusterName: name, capacityProviders: ['FARGATE_SPOT'], defaultCapacityProviderStrategy: SPOT }),
    );
    // No strategy and no launch type: the cluster's default strategy (FARGATE_SPOT) applies.
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'web',
        taskDefinition: drainer,
        desiredCount: 3,
        networkConfiguration: AWSVPC,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const before = await runningTasksOf(d.ecs, name, 'web');
    expect(before.map((t) => [t.lastStatus, t.capacityProviderName])).toEqual(Array(3).fill(['RUNNING', 'FARGATE_SPOT']));
    for (const t of before) expect((await (await dockerContainerOf(t.taskArn!)).inspect()).State.Running).toBe(true);
    const victim = before[0]!.taskArn!;
    const container = await dockerContainerOf(victim);
    await untilTermHandled(container.id, 'caught');
    const exited = container.wait() as Promise<{ StatusCode: number }>;
    const since = d.emu.events.lastSeq;

    expect(await d.control.interruptSpot({ cluster: name, task: victim })).toEqual([victim]);

    const warning = await d.control.waitForEvent(
      (e) => e['detail-type'] === 'ECS Task State Change' && e.resources[0] === victim && e.detail.desiredStatus === 'STOPPED',
      { since, timeoutMs: 10_000 },
    );
    expect(warning).toMatchObject({
      source: 'aws.ecs',
      detail: {
        lastStatus: 'RUNNING',
        desiredStatus: 'STOPPED',
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
      },
    });
    // SIGTERM reached the real process: the app's trap exited 0.
    expect((await exited).StatusCode).toBe(0);
    const stopped = await stoppedTask(name, victim);
    expect(stopped).toMatchObject({
      stopCode: 'SpotInterruption',
      stoppedReason: 'Your Spot Task was interrupted.',
      capacityProviderName: 'FARGATE_SPOT',
    });
    expect(stopped.containers![0]!.exitCode).toBe(0);
    expect(await docker.listContainers({ all: true, filters: { id: [container.id] } })).toEqual([]);

    const after = await eventually(
      async () => {
        const tasks = await runningTasksOf(d.ecs, name, 'web');
        const ok = tasks.length === 3 && tasks.every((t) => t.lastStatus === 'RUNNING' && t.capacityProviderName === 'FARGATE_SPOT');
        return ok ? tasks : undefined;
      },
      30_000,
      'three RUNNING Spot tasks again',
    );
    expect(after.map((t) => t.taskArn)).not.toContain(victim);
    const replacement = after.find((t) => !before.some((b) => b.taskArn === t.taskArn))!;
    expect((await (await dockerContainerOf(replacement.taskArn!)).inspect()).State.Running).toBe(true);
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const { services } = await d.ecs.send(new DescribeServicesCommand({ cluster: name, services: ['web'] }));
    expect(services![0]).toMatchObject({ runningCount: 3, pendingCount: 0 });
  });

  it(`an app that traps SIGTERM drains and exits 0 at once; one that ignores it is killed after ${GRACE_SECONDS} s (137)`, async () => {
    const name = await cluster();
    const run = async (taskDefinition: string) =>
      (
        await d.ecs.send(
          new RunTaskCommand({ cluster: name, taskDefinition, capacityProviderStrategy: SPOT, networkConfiguration: AWSVPC }),
        )
      ).tasks![0]!.taskArn!;
    const [gentle, rough] = await Promise.all([run(drainer), run(stubborn)]);
    await waitUntilTasksRunning(waiter(), { cluster: name, tasks: [gentle, rough] });
    const timed = async (taskArn: string, how: 'caught' | 'ignored') => {
      const container = await dockerContainerOf(taskArn);
      await untilTermHandled(container.id, how);
      return async (from: number) => {
        const { StatusCode } = (await container.wait()) as { StatusCode: number };
        return { exitCode: StatusCode, afterMs: Date.now() - from };
      };
    };
    const [waitGentle, waitRough] = await Promise.all([timed(gentle, 'caught'), timed(rough, 'ignored')]);
    const t0 = Date.now();
    const exits = Promise.all([waitGentle(t0), waitRough(t0)]);
    await Promise.all([d.control.interruptSpot({ cluster: name, task: gentle }), d.control.interruptSpot({ cluster: name, task: rough })]);
    const [g, r] = await exits;

    // Bounds that say what they guard, loose enough for a loaded machine (speed is measured in bench/spot.ts):
    // the draining app exits on the SIGTERM, before the SIGKILL would have come; the stubborn one is killed at the end
    // of the grace period, not before it and not never.
    expect(g.exitCode).toBe(0);
    expect(g.afterMs).toBeLessThan(GRACE_SECONDS * 1000);
    expect(r.exitCode).toBe(137);
    expect(r.afterMs).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 250);
    expect(r.afterMs).toBeLessThan(GRACE_SECONDS * 1000 + 30_000);

    const [sg, sr] = await Promise.all([stoppedTask(name, gentle), stoppedTask(name, rough)]);
    for (const t of [sg, sr]) expect(t).toMatchObject({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });
    expect([sg.containers![0]!.exitCode, sr.containers![0]!.exitCode]).toEqual([0, 137]);
    // The emulator's own clock agrees: stopping → execution stopped.
    const spanMs = (t: Task) => t.executionStoppedAt!.getTime() - t.stoppingAt!.getTime();
    expect(spanMs(sg)).toBeLessThan(GRACE_SECONDS * 1000);
    expect(spanMs(sr)).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 250);
  });
});

describe('capacity provider strategy', () => {
  it('FARGATE base 1 weight 1 and FARGATE_SPOT weight 2 place 4 tasks as 2 and 2, each running in Docker', async () => {
    const name = await cluster();
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'mix',
        taskDefinition: drainer,
        desiredCount: 4,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 2 },
        ],
        networkConfiguration: AWSVPC,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['mix'] });
    const tasks = await runningTasksOf(d.ecs, name, 'mix');
    expect(tasks.every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    const count = (p: string) => tasks.filter((t) => t.capacityProviderName === p).length;
    // Without the base it would be 1 and 3 (weights 1:2 over 4).
    expect([count('FARGATE'), count('FARGATE_SPOT')]).toEqual([2, 2]);
    for (const t of tasks) expect((await (await dockerContainerOf(t.taskArn!)).inspect()).State.Running).toBe(true);
  });
});

describe('Spot capacity unavailable', () => {
  it('shows in RunTask failures[] and in the service events; once cleared the service reaches its count', async () => {
    const name = await cluster();
    await d.control.setFault('spot-capacity-unavailable');
    const reason = 'Capacity is unavailable at this time. Please try again later or in a different availability zone';
    const out = await d.ecs.send(
      new RunTaskCommand({ cluster: name, taskDefinition: drainer, capacityProviderStrategy: SPOT, networkConfiguration: AWSVPC }),
    );
    expect(out.tasks).toEqual([]);
    expect(out.failures).toEqual([{ reason }]);

    const since = d.emu.events.lastSeq;
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'web',
        taskDefinition: drainer,
        desiredCount: 2,
        capacityProviderStrategy: SPOT,
        networkConfiguration: AWSVPC,
      }),
    );
    const failure = await d.control.waitForEvent(
      (e) => e.detail.eventName === 'SERVICE_TASK_PLACEMENT_FAILURE' && String(e.resources[0]).endsWith(`/${name}/web`),
      {
        since,
        timeoutMs: 10_000,
      },
    );
    expect(failure.detail).toMatchObject({ eventType: 'ERROR', reason: 'RESOURCE:FARGATE' });
    const { services } = await d.ecs.send(new DescribeServicesCommand({ cluster: name, services: ['web'] }));
    expect(services![0]!.events!.map((e) => e.message)).toContain(`(service web) was unable to place a task. Reason: ${reason}.`);
    expect(services![0]).toMatchObject({ runningCount: 0, pendingCount: 0 });
    const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`;
    expect(await docker.listContainers({ all: true, filters: { label: [`fargate-local.cluster-arn=${clusterArn}`] } })).toEqual([]);

    await d.control.clearFaults('spot-capacity-unavailable');
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const tasks = await runningTasksOf(d.ecs, name, 'web');
    expect(tasks.map((t) => [t.lastStatus, t.capacityProviderName])).toEqual([
      ['RUNNING', 'FARGATE_SPOT'],
      ['RUNNING', 'FARGATE_SPOT'],
    ]);
    for (const t of tasks) expect((await (await dockerContainerOf(t.taskArn!)).inspect()).State.Running).toBe(true);
  });
});
