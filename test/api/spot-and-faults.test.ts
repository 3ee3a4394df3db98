// Fargate Spot interruptions, capacity faults, a control-plane outage and container crashes, driven through the
// control API client, observed through the ECS API and the event stream.
import {
  CreateServiceCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  RunTaskCommand,
  waitUntilServicesStable,
  waitUntilTasksRunning,
} from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FargateLocalControl } from '../../src/client/index.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string];
const network = { awsvpcConfiguration: { subnets: [subnetA] } };
const SPOT = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];

let emu: TestEmulator;
let control: FargateLocalControl;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator({ spotGraceMs: 3000 });
  control = new FargateLocalControl(emu.endpoint);
  family = uniqueName('spot');
  storeTaskDefinition(emu.deps.store, scope, family, [
    { name: 'app', image: 'busybox' },
    { name: 'sidecar', image: 'busybox', essential: false },
  ]);
});
afterEach(() => control.clearFaults());
afterAll(() => emu.close());
const waiter = () => ({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });
const runtime = () => emu.runtime as FakeTaskRuntime;

describe('Spot interruption', () => {
  it('a service of three Spot tasks loses one to an interruption and is back to three', async () => {
    const cluster = await fargateCluster(emu.ecs, 'spot');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 3,
        capacityProviderStrategy: SPOT,
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const before = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(before.map((t) => t.capacityProviderName)).toEqual(['FARGATE_SPOT', 'FARGATE_SPOT', 'FARGATE_SPOT']);
    const victim = before[0]!;
    const victimId = victim.taskArn!.split('/').pop()!;
    // The app ignores SIGTERM (killed at the end of the grace period); the sidecar exits on SIGTERM with 0.
    runtime().containers.get(runtime().idOf(victimId, 'app'))!.onTerm = null;
    runtime().containers.get(runtime().idOf(victimId, 'sidecar'))!.onTerm = 0;
    const since = emu.events.lastSeq;

    const interrupted = await control.interruptSpot({ cluster, task: victim.taskArn! });
    expect(interrupted).toEqual([victim.taskArn]);

    const warning = await control.waitForEvent(
      (e) => e['detail-type'] === 'ECS Task State Change' && e.resources[0] === victim.taskArn && e.detail.desiredStatus === 'STOPPED',
      { since, timeoutMs: 5000 },
    );
    expect(warning).toMatchObject({
      version: '0',
      source: 'aws.ecs',
      account: '000000000000',
      region: 'us-east-1',
      detail: {
        lastStatus: 'RUNNING',
        desiredStatus: 'STOPPED',
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
      },
    });
    expect(warning.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const stopped = await eventually(async () => {
      const t = (await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [victim.taskArn!] }))).tasks![0]!;
      return t.lastStatus === 'STOPPED' ? t : undefined;
    });
    expect(stopped).toMatchObject({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });
    const exit = Object.fromEntries(stopped.containers!.map((c) => [c.name, c.exitCode]));
    expect(exit).toEqual({ app: 137, sidecar: 0 });
    // Every container got the same grace period at once.
    const stops = runtime().calls.filter((c) => c.startsWith('stop ') && c.endsWith('t=3'));
    expect(stops).toEqual(expect.arrayContaining(['stop app t=3', 'stop sidecar t=3']));

    await eventually(async () => {
      const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
      return (
        tasks.length === 3 &&
        tasks.every((t) => t.lastStatus === 'RUNNING' && t.taskArn !== victim.taskArn && t.capacityProviderName === 'FARGATE_SPOT')
      );
    });
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
  });

  it("interrupts a share of a service's Spot tasks, and refuses a task that is not on Spot", async () => {
    const cluster = await fargateCluster(emu.ecs, 'spot');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 4,
        capacityProviderStrategy: SPOT,
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const half = await control.interruptSpot({ cluster, service: 'web', percent: 50 });
    expect(half).toHaveLength(2);
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ cluster, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    await waitUntilTasksRunning(waiter(), { cluster, tasks: [tasks![0]!.taskArn!] });
    const err = await control.interruptSpot({ cluster, task: tasks![0]!.taskArn! }).catch((e) => e);
    expect(err).toMatchObject({ status: 400, name: 'InvalidParameterException', message: 'The task does not run on FARGATE_SPOT.' });
    const all = await control.interruptSpot({ cluster, all: true });
    expect(all.length).toBeGreaterThanOrEqual(2);
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
  });
});

describe('capacity providers', () => {
  it("puts base tasks first and the rest by weight, and reports each task's provider", async () => {
    const cluster = await fargateCluster(emu.ecs, 'cp');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'mix',
        taskDefinition: family,
        desiredCount: 10,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 2, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster, services: ['mix'] });
    const tasks = await runningTasksOf(emu.ecs, cluster, 'mix');
    const count = (p: string) => tasks.filter((t) => t.capacityProviderName === p).length;
    expect([count('FARGATE'), count('FARGATE_SPOT')]).toEqual([4, 6]);
    const svc = await describeService(emu.ecs, cluster, 'mix');
    expect(svc.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ]);
    expect(svc.launchType).toBeUndefined();
  });

  it.each([
    [
      'a provider the cluster does not have',
      [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    ],
    [
      'only weights of 0',
      [{ capacityProvider: 'FARGATE', weight: 0 }],
      'The specified capacity provider strategy must contain at least one capacity provider with a weight value greater than 0.',
    ],
  ])('refuses a strategy with %s', async (_what, strategy, message) => {
    const cluster = uniqueName('cp');
    await emu.ecs.send(
      new (await import('@aws-sdk/client-ecs')).CreateClusterCommand({ clusterName: cluster, capacityProviders: ['FARGATE'] }),
    );
    const err = await emu.ecs
      .send(
        new CreateServiceCommand({
          cluster,
          serviceName: 's',
          taskDefinition: family,
          desiredCount: 1,
          capacityProviderStrategy: strategy,
          networkConfiguration: network,
        }),
      )
      .catch((e) => e);
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual(['InvalidParameterException', message, 400]);
  });

  it('lists FARGATE and FARGATE_SPOT with DescribeCapacityProviders', async () => {
    const { DescribeCapacityProvidersCommand } = await import('@aws-sdk/client-ecs');
    const out = await emu.ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(out.capacityProviders).toEqual([
      { capacityProviderArn: 'arn:aws:ecs:us-east-1:000000000000:capacity-provider/FARGATE', name: 'FARGATE', status: 'ACTIVE' },
      { capacityProviderArn: 'arn:aws:ecs:us-east-1:000000000000:capacity-provider/FARGATE_SPOT', name: 'FARGATE_SPOT', status: 'ACTIVE' },
    ]);
    const some = await emu.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['FARGATE_SPOT', 'nope'] }));
    expect(some.capacityProviders!.map((p) => p.name)).toEqual(['FARGATE_SPOT']);
    expect(some.failures).toEqual([{ arn: 'nope', reason: 'MISSING' }]);
  });
});

describe('capacity faults', () => {
  it('RunTask returns failures[] while Spot capacity is unavailable, and places on Spot again once cleared', async () => {
    const cluster = await fargateCluster(emu.ecs, 'cap');
    const fault = await control.setFault('spot-capacity-unavailable');
    expect(await control.listFaults()).toEqual([fault]);
    const out = await emu.ecs.send(
      new RunTaskCommand({ cluster, taskDefinition: family, capacityProviderStrategy: SPOT, networkConfiguration: network, count: 2 }),
    );
    expect(out.tasks).toEqual([]);
    expect(out.failures).toEqual([
      { reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' },
      { reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' },
    ]);
    const onDemand = await emu.ecs.send(
      new RunTaskCommand({ cluster, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    expect(onDemand.tasks).toHaveLength(1);
    await control.clearFault(fault.id);
    expect(await control.listFaults()).toEqual([]);
    const again = await emu.ecs.send(
      new RunTaskCommand({ cluster, taskDefinition: family, capacityProviderStrategy: SPOT, networkConfiguration: network }),
    );
    expect(again.tasks![0]!.capacityProviderName).toBe('FARGATE_SPOT');
  });

  it('a service keeps trying, says so in its events, and never substitutes FARGATE for FARGATE_SPOT', async () => {
    const cluster = await fargateCluster(emu.ecs, 'cap');
    await control.setFault('spot-capacity-unavailable');
    const since = emu.events.lastSeq;
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 2,
        capacityProviderStrategy: SPOT,
        networkConfiguration: network,
      }),
    );
    const failure = await control.waitForEvent(
      (e) => e['detail-type'] === 'ECS Service Action' && e.detail.eventName === 'SERVICE_TASK_PLACEMENT_FAILURE',
      {
        since,
        timeoutMs: 5000,
      },
    );
    expect(failure.detail).toMatchObject({
      eventType: 'ERROR',
      reason: 'RESOURCE:FARGATE',
      capacityProviderArns: ['arn:aws:ecs:us-east-1:000000000000:capacity-provider/FARGATE_SPOT'],
    });
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.events![0]!.message).toBe(
      '(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.',
    );
    await emu.services.afterSweeps(3); // the message is not repeated
    const later = await describeService(emu.ecs, cluster, 'web');
    expect(later.runningCount).toBe(0);
    expect(later.events!.filter((e) => e.message!.includes('unable to place'))).toHaveLength(1);
    await control.clearFaults('spot-capacity-unavailable');
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(tasks.map((t) => t.capacityProviderName)).toEqual(['FARGATE_SPOT', 'FARGATE_SPOT']);
  });
});

describe('control-plane outage', () => {
  it('answers 5xx to every ECS call while running tasks keep running, and services resume afterwards', async () => {
    const cluster = await fargateCluster(emu.ecs, 'out');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const before = await runningTasksOf(emu.ecs, cluster, 'web');

    await control.setFault('control-plane-outage');
    const err = await emu.ecs.send(new ListServicesCommand({ cluster: 'default' })).catch((e) => e);
    expect([err.name, err.$metadata.httpStatusCode, err.$fault]).toEqual(['ServiceUnavailable', 503, 'server']);
    // A task dies during the outage: nobody replaces it until the control plane is back.
    const victimId = before[0]!.taskArn!.split('/').pop()!;
    runtime().exit(runtime().idOf(victimId, 'app'), 2, false);
    await emu.services.afterSweeps(3);
    await emu.tasks.idle();
    const survivorId = before[1]!.taskArn!.split('/').pop()!;
    expect(runtime().containers.get(runtime().idOf(survivorId, 'app'))!.state.running).toBe(true);
    expect(
      emu.deps.store.read(
        scope,
        (s) =>
          Object.values(s.tasks).filter((t) => t.group === 'service:web' && t.clusterName === cluster && t.desiredStatus === 'RUNNING')
            .length,
      ),
    ).toBe(1);

    await control.clearFaults();
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const after = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(after.map((t) => t.taskArn)).toContain(before[1]!.taskArn);
    expect(after).toHaveLength(2);
  });

  it('can answer 500 ServerException instead', async () => {
    await control.setFault('control-plane-outage', { error: 'ServerException' });
    const err = await emu.ecs.send(new ListServicesCommand({ cluster: 'default' })).catch((e) => e);
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['ServerException', 500]);
  });
});

describe('container crash', () => {
  it("kills a task's essential container: the task stops and the service replaces it", async () => {
    const cluster = await fargateCluster(emu.ecs, 'crash');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const [task] = await runningTasksOf(emu.ecs, cluster, 'web');
    const crash = await control.crashContainer({ cluster, task: task!.taskArn! });
    expect(crash).toEqual({ taskArn: task!.taskArn, container: 'app', signal: 'SIGKILL' });
    const stopped = await eventually(async () => {
      const t = (await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [task!.taskArn!] }))).tasks![0]!;
      return t.lastStatus === 'STOPPED' ? t : undefined;
    });
    expect(stopped).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(stopped.containers!.find((c) => c.name === 'app')!.exitCode).toBe(137);
    await eventually(async () =>
      (await runningTasksOf(emu.ecs, cluster, 'web')).some((t) => t.taskArn !== task!.taskArn && t.lastStatus === 'RUNNING'),
    );
  });

  it('answers 404 for an unknown task', async () => {
    const cluster = await fargateCluster(emu.ecs, 'crash');
    const err = await control.crashContainer({ cluster, task: 'ffffffffffffffffffffffffffffffff' }).catch((e) => e);
    expect(err).toMatchObject({ status: 404, message: 'The referenced task was not found.' });
  });
});
