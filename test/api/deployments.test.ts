// Rolling updates within minimumHealthyPercent/maximumPercent, sampled through the event stream; the deployment
// circuit breaker and its rollback; the EventBridge events a deployment sends.
import { CreateServiceCommand, UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FargateLocalControl, type EcsEvent } from '../../src/client/index.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string];
const network = { awsvpcConfiguration: { subnets: [subnetA] } };

let emu: TestEmulator;
let control: FargateLocalControl;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  control = new FargateLocalControl(emu.endpoint);
  family = uniqueName('roll');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox:2' }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox:broken' }]);
  (emu.runtime as FakeTaskRuntime).missingImages.add('busybox:broken');
});
afterAll(() => emu.close());
const waiter = () => ({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });

/** Collects events from `since` until `until` accepts one (included), or fails after `timeoutMs`. */
async function collect(since: number, until: (e: EcsEvent) => boolean, timeoutMs = 15_000): Promise<EcsEvent[]> {
  const seen: EcsEvent[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const { event } of control.events({ since, signal: controller.signal })) {
      seen.push(event);
      if (until(event)) return seen;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`stream ended after ${seen.length} events without the awaited one`);
}

describe('rolling update', () => {
  it.each([
    [4, 50, 150],
    [3, 100, 200],
    [2, 0, 100],
  ])(
    'desiredCount %i, minimumHealthyPercent %i, maximumPercent %i: revision 1 → 2 stays between the floor and the ceiling',
    async (desired, min, max) => {
      const cluster = await fargateCluster(emu.ecs, 'roll');
      await emu.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'web',
          taskDefinition: `${family}:1`,
          desiredCount: desired,
          launchType: 'FARGATE',
          networkConfiguration: network,
          deploymentConfiguration: { minimumHealthyPercent: min, maximumPercent: max },
        }),
      );
      await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
      const state = new Map<string, { lastStatus: string; desiredStatus: string }>();
      for (const t of await runningTasksOf(emu.ecs, cluster, 'web'))
        state.set(t.taskArn!, { lastStatus: t.lastStatus!, desiredStatus: t.desiredStatus! });
      const since = emu.events.lastSeq;

      const { service } = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
      const newId = service!.deployments![0]!.id!;
      const events = await collect(
        since,
        (e) =>
          e['detail-type'] === 'ECS Deployment State Change' &&
          e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' &&
          e.detail.deploymentId === newId,
      );

      const floor = Math.ceil((desired * min) / 100);
      const ceiling = Math.floor((desired * max) / 100);
      let samples = 0;
      for (const e of events) {
        if (
          e['detail-type'] !== 'ECS Task State Change' ||
          e.detail.group !== 'service:web' ||
          !String(e.detail.clusterArn).endsWith(`/${cluster}`)
        )
          continue;
        state.set(e.resources[0]!, { lastStatus: String(e.detail.lastStatus), desiredStatus: String(e.detail.desiredStatus) });
        const all = [...state.values()];
        const healthy = all.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
        const placed = all.filter((t) => t.desiredStatus === 'RUNNING').length;
        expect(healthy).toBeGreaterThanOrEqual(floor);
        expect(placed).toBeLessThanOrEqual(ceiling);
        samples += 1;
      }
      expect(samples).toBeGreaterThanOrEqual(desired * 2);
      const done = await describeService(emu.ecs, cluster, 'web');
      expect(done.deployments!.map((d) => [d.id, d.rolloutState])).toEqual([[newId, 'COMPLETED']]);
      expect((await runningTasksOf(emu.ecs, cluster, 'web')).map((t) => t.taskDefinitionArn!.split(':').pop())).toEqual(
        Array(desired).fill('2'),
      );
      expect(
        events.some(
          (e) =>
            e['detail-type'] === 'ECS Deployment State Change' &&
            e.detail.eventName === 'SERVICE_DEPLOYMENT_IN_PROGRESS' &&
            e.detail.deploymentId === newId,
        ),
      ).toBe(true);
    },
  );
});

describe('deployment circuit breaker', () => {
  it('trips on a revision whose tasks keep failing and rolls back to the last completed deployment', async () => {
    const cluster = await fargateCluster(emu.ecs, 'cb');
    const created = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    const goodId = created.service!.deployments![0]!.id!;
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const since = emu.events.lastSeq;
    const { service } = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:3` }));
    const badId = service!.deployments![0]!.id!;

    const events = await collect(since, (e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === goodId);
    const deploymentEvents = events
      .filter((e) => e['detail-type'] === 'ECS Deployment State Change')
      .map((e) => [e.detail.eventName, e.detail.deploymentId, e.detail.reason]);
    expect(deploymentEvents).toEqual([
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', badId, `ECS deployment ${badId} in progress.`],
      ['SERVICE_DEPLOYMENT_FAILED', badId, 'ECS deployment circuit breaker: task failed to start.'],
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', goodId, `ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`],
      ['SERVICE_DEPLOYMENT_COMPLETED', goodId, `ECS deployment ${goodId} completed.`],
    ]);
    const failedTasks = events.filter(
      (e) => e['detail-type'] === 'ECS Task State Change' && e.detail.startedBy === badId && e.detail.lastStatus === 'STOPPED',
    );
    // The threshold for 2 tasks is 3; a task already launched when the breaker trips may fail too.
    expect(failedTasks.length).toBeGreaterThanOrEqual(3);
    for (const e of failedTasks) expect(e.detail.stopCode).toBe('TaskFailedToStart');

    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.taskDefinition).toMatch(new RegExp(`${family}:1$`));
    expect(svc.deployments!.map((d) => [d.id, d.status, d.rolloutState])).toEqual([[goodId, 'PRIMARY', 'COMPLETED']]);
    const messages = svc.events!.map((e) => e.message);
    expect(messages).toContain(`(service web) (deployment ${badId}) deployment failed: tasks failed to start.`);
    expect(messages).toContain(`(service web) rolling back to deployment ${goodId}.`);
    expect(messages.indexOf(`(service web) rolling back to deployment ${goodId}.`)).toBeLessThan(
      messages.indexOf(`(service web) (deployment ${badId}) deployment failed: tasks failed to start.`),
    );
    expect(svc.runningCount).toBe(2);
  });

  it('without rollback, leaves the failed deployment FAILED and launches nothing more', async () => {
    const cluster = await fargateCluster(emu.ecs, 'cb');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:3`,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      }),
    );
    const failed = await eventually(async () => {
      const svc = await describeService(emu.ecs, cluster, 'web');
      return svc.deployments![0]!.rolloutState === 'FAILED' ? svc : undefined;
    });
    expect(failed.deployments![0]).toMatchObject({
      failedTasks: 3,
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    const launched = emu.deps.store.read(scope, (s) => Object.values(s.tasks).filter((t) => t.clusterName === cluster).length);
    await emu.services.afterSweeps(3);
    expect(emu.deps.store.read(scope, (s) => Object.values(s.tasks).filter((t) => t.clusterName === cluster).length)).toBe(launched);
    expect(launched).toBe(3);
  });
});

describe('service throttle', () => {
  it('spaces launches out once tasks keep failing, and says the service is unable to consistently start tasks', async () => {
    const cluster = await fargateCluster(emu.ecs, 'thr');
    const since = emu.events.lastSeq;
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:3`,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const impaired = await control.waitForEvent(
      (e) => e.detail.eventName === 'SERVICE_TASK_START_IMPAIRED' && String(e.resources[0]).includes(`/${cluster}/`),
      {
        since,
        timeoutMs: 5000,
      },
    );
    expect(impaired.detail).toMatchObject({ eventType: 'WARN' });
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.events![0]!.message).toBe('(service web) is unable to consistently start tasks successfully.');
    const launched = () => emu.deps.store.read(scope, (s) => Object.values(s.tasks).filter((t) => t.clusterName === cluster).length);
    const before = launched();
    expect(before).toBe(3);
    await emu.services.afterSweeps(4);
    // Without the throttle a task would be launched on every scheduler sweep.
    expect(launched() - before).toBeLessThanOrEqual(1);
  });
});

describe('minimumHealthyPercent with a delay before a task without health check counts (AWS: 40 s)', () => {
  let slow: TestEmulator;
  let slowControl: FargateLocalControl;
  beforeAll(async () => {
    slow = await startTestEmulator({ minimumHealthyDelayMs: 1000 });
    slowControl = new FargateLocalControl(slow.endpoint);
    storeTaskDefinition(slow.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    storeTaskDefinition(slow.deps.store, scope, family, [{ name: 'app', image: 'busybox:2' }]);
    storeTaskDefinition(slow.deps.store, scope, family, [{ name: 'app', image: 'busybox:crash' }]);
    // Exits at once, but only after its start call returned (and the task went RUNNING), as on Docker.
    (slow.runtime as FakeTaskRuntime).exitOnStart.set('busybox:crash', 1);
  });
  afterAll(() => slow.close());

  async function stableService(cluster: string) {
    const created = await slow.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    await waitUntilServicesStable({ client: slow.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster, services: ['web'] });
    return {
      deploymentId: created.service!.deployments![0]!.id!,
      original: (await runningTasksOf(slow.ecs, cluster, 'web')).map((t) => t.taskArn!),
    };
  }
  const events = async (since: number, until: (e: EcsEvent) => boolean) => {
    const seen: { at: number; event: EcsEvent }[] = [];
    await slowControl.waitForEvent(
      (e) => {
        seen.push({ at: Date.now(), event: e });
        return until(e);
      },
      { since, timeoutMs: 20_000 },
    );
    return seen;
  };

  it('stops an old task only once the new ones have been RUNNING for the delay', async () => {
    const cluster = await fargateCluster(slow.ecs, 'delay');
    const { original } = await stableService(cluster);
    const since = slow.events.lastSeq;
    const { service } = await slow.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
    const newId = service!.deployments![0]!.id!;
    const seen = await events(since, (e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === newId);
    const task = (e: EcsEvent) => e['detail-type'] === 'ECS Task State Change';
    const firstNewRunning = seen.find(({ event: e }) => task(e) && e.detail.startedBy === newId && e.detail.lastStatus === 'RUNNING')!.at;
    const firstOldStop = seen.find(
      ({ event: e }) => task(e) && original.includes(e.resources[0]!) && e.detail.desiredStatus === 'STOPPED',
    )!.at;
    expect(firstOldStop - firstNewRunning).toBeGreaterThanOrEqual(900);
    const svc = await describeService(slow.ecs, cluster, 'web');
    expect(svc.events!.some((e) => e.message!.includes('unable to stop or start tasks'))).toBe(false);
  });

  it('a revision whose container exits right after starting never replaces the healthy tasks, and rolls back', async () => {
    const cluster = await fargateCluster(slow.ecs, 'delay');
    const { deploymentId: goodId, original } = await stableService(cluster);
    const since = slow.events.lastSeq;
    await slow.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:3` }));
    const seen = (
      await events(since, (e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === goodId)
    ).map((x) => x.event);
    const crashed = seen.filter(
      (e) =>
        e['detail-type'] === 'ECS Task State Change' &&
        e.detail.lastStatus === 'STOPPED' &&
        e.detail.stopCode === 'EssentialContainerExited',
    );
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    // The crashing tasks were RUNNING for a moment; it did not count: nothing of revision 1 was stopped.
    expect(
      seen.some(
        (e) => e['detail-type'] === 'ECS Task State Change' && original.includes(e.resources[0]!) && e.detail.desiredStatus === 'STOPPED',
      ),
    ).toBe(false);
    expect((await runningTasksOf(slow.ecs, cluster, 'web')).map((t) => t.taskArn).sort()).toEqual([...original].sort());
  });
});
