// Services on real containers: a rolling update that keeps minimumHealthyPercent, the deployment circuit breaker
// rolling back from a revision whose container exits at once, and a control-plane outage that running tasks outlive.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsEvent } from '../../src/client/index.js';
import { runningTasksOf } from '../support/services.js';
import {
  AWSVPC,
  dockerContainerOf,
  DRAINING_APP,
  registerBusybox,
  startDockerEmulator,
  type DockerEmulator,
} from './support/docker-emulator.js';

let d: DockerEmulator;
let good: string;
let next: string;
let crashing: string;
beforeAll(async () => {
  // AWS waits 40 s before a RUNNING task without health check counts towards minimumHealthyPercent; 1 s here.
  d = await startDockerEmulator('svc', { minimumHealthyDelayMs: 1000 });
  good = await registerBusybox(d.ecs, 'web', DRAINING_APP, { environment: [{ name: 'REVISION', value: 'one' }] });
  next = await registerBusybox(d.ecs, 'web', DRAINING_APP, { environment: [{ name: 'REVISION', value: 'two' }] });
  crashing = await registerBusybox(d.ecs, 'web', 'echo crashing; exit 1');
});
afterAll(async () => {
  await d?.control.clearFaults().catch(() => undefined);
  await d?.close();
});

const waiter = () => ({ client: d.ecs, maxWaitTime: 90, minDelay: 1, maxDelay: 1 });
let clusters = 0;
async function cluster(): Promise<string> {
  const name = `svc-${++clusters}`;
  await d.ecs.send(new CreateClusterCommand({ clusterName: name }));
  return name;
}
const describeService = async (name: string) =>
  (await d.ecs.send(new DescribeServicesCommand({ cluster: name, services: ['web'] }))).services![0]!;

/** Collects events from `since` until `until` accepts one (included). */
async function collect(since: number, until: (e: EcsEvent) => boolean, timeoutMs = 60_000): Promise<EcsEvent[]> {
  const seen: EcsEvent[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const { event } of d.control.events({ since, signal: controller.signal })) {
      seen.push(event);
      if (until(event)) return seen;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`no awaited event within ${timeoutMs} ms; saw ${seen.map((e) => e.detail.eventName ?? e.detail.lastStatus).join(', ')}`);
}

describe('rolling update', () => {
  it('revision 1 → 2 of 4 tasks with minimumHealthyPercent 50, maximumPercent 150 never has fewer than 2 healthy or more than 6', async () => {
    const name = await cluster();
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'web',
        taskDefinition: good,
        desiredCount: 4,
        launchType: 'FARGATE',
        networkConfiguration: AWSVPC,
        deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150 },
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const state = new Map<string, { lastStatus: string; desiredStatus: string }>();
    for (const t of await runningTasksOf(d.ecs, name, 'web'))
      state.set(t.taskArn!, { lastStatus: t.lastStatus!, desiredStatus: t.desiredStatus! });
    const since = d.emu.events.lastSeq;

    // Sampled from outside too: what a client polling the API during the rollout sees.
    const polled: { healthy: number; placed: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const { taskArns } = await d.ecs.send(new ListTasksCommand({ cluster: name, serviceName: 'web' }));
        const tasks: Task[] = taskArns?.length
          ? ((await d.ecs.send(new DescribeTasksCommand({ cluster: name, tasks: taskArns }))).tasks ?? [])
          : [];
        polled.push({
          healthy: tasks.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length,
          placed: tasks.length,
        });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const { service } = await d.ecs.send(new UpdateServiceCommand({ cluster: name, service: 'web', taskDefinition: next }));
    const newId = service!.deployments![0]!.id!;
    const events = await collect(since, (e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === newId);
    polling = false;
    await poller;

    // Every task transition, in order: the floor and the ceiling hold after each one.
    let samples = 0;
    for (const e of events) {
      if (e['detail-type'] !== 'ECS Task State Change' || !String(e.detail.clusterArn).endsWith(`/${name}`)) continue;
      state.set(e.resources[0]!, { lastStatus: String(e.detail.lastStatus), desiredStatus: String(e.detail.desiredStatus) });
      const all = [...state.values()];
      expect(all.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length).toBeGreaterThanOrEqual(2);
      expect(all.filter((t) => t.desiredStatus === 'RUNNING').length).toBeLessThanOrEqual(6);
      samples += 1;
    }
    expect(samples).toBeGreaterThanOrEqual(8);
    expect(polled.length).toBeGreaterThan(3);
    expect(Math.min(...polled.map((p) => p.healthy))).toBeGreaterThanOrEqual(2);
    expect(Math.max(...polled.map((p) => p.placed))).toBeLessThanOrEqual(6);

    const done = await describeService(name);
    expect(done.deployments!.map((x) => [x.id, x.rolloutState])).toEqual([[newId, 'COMPLETED']]);
    const tasks = await runningTasksOf(d.ecs, name, 'web');
    expect(tasks.map((t) => [t.lastStatus, t.taskDefinitionArn])).toEqual(Array(4).fill(['RUNNING', next]));
    // The new revision is what really runs.
    for (const t of tasks) expect((await (await dockerContainerOf(t.taskArn!)).inspect()).Config.Env).toContain('REVISION=two');
  });
});

describe('deployment circuit breaker', () => {
  it('a revision whose container exits 1 at once trips the breaker and the service rolls back to revision 1', async () => {
    const name = await cluster();
    const created = await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'web',
        taskDefinition: good,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: AWSVPC,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    const goodId = created.service!.deployments![0]!.id!;
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const original = (await runningTasksOf(d.ecs, name, 'web')).map((t) => t.taskArn!).sort();
    const since = d.emu.events.lastSeq;

    const { service } = await d.ecs.send(new UpdateServiceCommand({ cluster: name, service: 'web', taskDefinition: crashing }));
    const badId = service!.deployments![0]!.id!;
    const events = await collect(since, (e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === goodId);

    expect(
      events.filter((e) => e['detail-type'] === 'ECS Deployment State Change').map((e) => [e.detail.eventName, e.detail.deploymentId]),
    ).toEqual([
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', badId],
      ['SERVICE_DEPLOYMENT_FAILED', badId],
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', goodId],
      ['SERVICE_DEPLOYMENT_COMPLETED', goodId],
    ]);
    const stopped = events.filter(
      (e) => e['detail-type'] === 'ECS Task State Change' && e.detail.startedBy === badId && e.detail.lastStatus === 'STOPPED',
    );
    const crashed = stopped.filter((e) => e.detail.stopCode === 'EssentialContainerExited');
    // The threshold for 2 tasks is 3 failures.
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    for (const e of crashed) {
      expect(e.detail.stoppedReason).toBe('Essential container in task exited');
      // The exit code Docker reported for the real process.
      expect((e.detail.containers as { exitCode?: number }[])[0]!.exitCode).toBe(1);
    }
    // A task of the failed revision still starting when the breaker trips is stopped by the rollback instead.
    for (const e of stopped.filter((x) => !crashed.includes(x))) {
      expect(e.detail).toMatchObject({
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: expect.stringMatching(/^Scaling activity initiated by \(deployment ecs-svc\/\d+\)$/),
      });
    }

    const svc = await describeService(name);
    expect(svc.taskDefinition).toBe(good);
    expect(svc.deployments!.map((x) => [x.id, x.status, x.rolloutState])).toEqual([[goodId, 'PRIMARY', 'COMPLETED']]);
    expect(svc.events!.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        `(service web) (deployment ${badId}) deployment failed: tasks failed to start.`,
        `(service web) rolling back to deployment ${goodId}.`,
      ]),
    );
    expect(svc).toMatchObject({ runningCount: 2, desiredCount: 2 });
    // The crashing tasks were RUNNING for a moment, too short to count towards minimumHealthyPercent (100): the
    // revision 1 tasks were never stopped, and their containers still run.
    expect(
      events.some(
        (e) => e['detail-type'] === 'ECS Task State Change' && original.includes(e.resources[0]!) && e.detail.desiredStatus === 'STOPPED',
      ),
    ).toBe(false);
    const now = await runningTasksOf(d.ecs, name, 'web');
    expect(now.map((t) => t.taskArn!).sort()).toEqual(original);
    for (const t of now) {
      const info = await (await dockerContainerOf(t.taskArn!)).inspect();
      expect([info.State.Running, info.Config.Env.includes('REVISION=one')]).toEqual([true, true]);
    }
  });
});

describe('control-plane outage', () => {
  it('running containers keep running while every ECS call answers 503; DescribeServices works again once cleared', async () => {
    const name = await cluster();
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: name,
        serviceName: 'web',
        taskDefinition: good,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: AWSVPC,
      }),
    );
    await waitUntilServicesStable(waiter(), { cluster: name, services: ['web'] });
    const tasks = await runningTasksOf(d.ecs, name, 'web');
    const containers = await Promise.all(tasks.map((t) => dockerContainerOf(t.taskArn!)));
    const startedAt = await Promise.all(containers.map(async (c) => (await c.inspect()).State.StartedAt));

    await d.control.setFault('control-plane-outage');
    for (const call of [() => describeService(name), () => d.ecs.send(new ListTasksCommand({ cluster: name }))]) {
      const err = await call().catch((e) => e);
      expect([err.name, err.$metadata?.httpStatusCode, err.$fault]).toEqual(['ServiceUnavailable', 503, 'server']);
    }
    // Several scheduler sweeps pass: nothing stops or restarts the containers.
    await d.emu.services.afterSweeps(5);
    await d.emu.tasks.idle();
    for (const [i, c] of containers.entries()) {
      const info = await c.inspect();
      expect(info.State.Running).toBe(true);
      expect(info.State.StartedAt).toBe(startedAt[i]);
    }

    await d.control.clearFaults('control-plane-outage');
    const svc = await describeService(name);
    expect(svc).toMatchObject({ status: 'ACTIVE', runningCount: 2, pendingCount: 0 });
    expect((await runningTasksOf(d.ecs, name, 'web')).map((t) => t.taskArn).sort()).toEqual(tasks.map((t) => t.taskArn).sort());
  });
});
