// ECS events in EventBridge's shape: the server-sent event stream, the webhook, and the health-check replacement
// a service reports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateServiceCommand, RunTaskCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
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
let hook: http.Server;
const posted: EcsEvent[] = [];
beforeAll(async () => {
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push(JSON.parse(body) as EcsEvent);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  emu = await startTestEmulator({ eventsWebhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/events` });
  control = new FargateLocalControl(emu.endpoint);
});
afterAll(async () => {
  await emu.close();
  await new Promise((r) => hook.close(r));
});

describe('the event stream', () => {
  it('waitForEvent runs onOpen once subscribed, so the event of what onOpen does is never missed', async () => {
    const family = uniqueName('ev');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const cluster = await fargateCluster(emu.ecs, 'ev');
    let taskArn: string | undefined;
    const event = await control.waitForEvent((e) => e['detail-type'] === 'ECS Task State Change' && e.resources[0] === taskArn, {
      timeoutMs: 5000,
      onOpen: async () => {
        const out = await emu.ecs.send(
          new RunTaskCommand({ cluster, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
        );
        taskArn = out.tasks![0]!.taskArn;
      },
    });
    // The first change of the task (it is created PROVISIONING) arrives, although RunTask ran after the request.
    expect(event.detail).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING' });
  });

  it('carries task state changes, deployment state changes and service actions, and the webhook gets them too', async () => {
    const family = uniqueName('ev');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const cluster = await fargateCluster(emu.ecs, 'ev');
    const since = emu.events.lastSeq;
    const { service } = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const steady = await control.waitForEvent(
      (e) => e.detail.eventName === 'SERVICE_STEADY_STATE' && e.resources[0] === service!.serviceArn,
      { since, timeoutMs: 5000 },
    );
    expect(steady).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'ECS Service Action',
      source: 'aws.ecs',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [service!.serviceArn],
      detail: {
        eventType: 'INFO',
        eventName: 'SERVICE_STEADY_STATE',
        clusterArn: service!.clusterArn,
        createdAt: expect.stringMatching(/Z$/),
      },
    });
    const running = await control.waitForEvent(
      (e) => e['detail-type'] === 'ECS Task State Change' && e.detail.group === 'service:web' && e.detail.lastStatus === 'RUNNING',
      {
        since,
        timeoutMs: 5000,
      },
    );
    expect(running.detail).toMatchObject({ launchType: 'FARGATE', desiredStatus: 'RUNNING', startedBy: service!.deployments![0]!.id });
    expect(running.detail.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(running.detail.updatedAt).toMatch(/Z$/);
    expect((running.detail.attachments as { type: string }[])[0]!.type).toBe('eni');

    await eventually(async () => posted.some((e) => e.id === steady.id));
    const deployment = posted.find((e) => e['detail-type'] === 'ECS Deployment State Change' && e.resources[0] === service!.serviceArn);
    expect(deployment?.detail).toMatchObject({
      eventType: 'INFO',
      eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
      deploymentId: service!.deployments![0]!.id,
    });
  });

  it('replays what a reader missed', async () => {
    const family = uniqueName('ev');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const since = emu.events.lastSeq;
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    await eventually(async () => emu.events.lastSeq > since + 2);
    const first = await control.waitForEvent((e) => e.resources[0] === tasks![0]!.taskArn, { since, timeoutMs: 2000 });
    expect(first.detail.lastStatus).toBe('PROVISIONING');
  });
});

describe('container health', () => {
  it('replaces a task that fails its container health checks, in AWS words', async () => {
    const family = uniqueName('hc');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox', healthCheck: { command: ['CMD', 'true'] } }]);
    const cluster = await fargateCluster(emu.ecs, 'hc');
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
    const runtime = emu.runtime as FakeTaskRuntime;
    const [task] = await eventually(async () => {
      const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
      return tasks.length === 1 && tasks[0]!.lastStatus === 'RUNNING' ? tasks : undefined;
    });
    const id = task!.taskArn!.split('/').pop()!;
    // Not healthy yet: the service is not steady.
    expect((await describeService(emu.ecs, cluster, 'web')).deployments![0]!.rolloutState).toBe('IN_PROGRESS');
    runtime.health(runtime.idOf(id, 'app'), 'HEALTHY');
    await waitUntilServicesStable({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster, services: ['web'] });
    runtime.health(runtime.idOf(id, 'app'), 'UNHEALTHY');
    const replaced = await eventually(async () => {
      const svc = await describeService(emu.ecs, cluster, 'web');
      return svc.events!.find((e) => e.message!.includes('due to an unhealthy status')) ? svc : undefined;
    });
    const messages = replaced.events!.map((e) => e.message!);
    expect(messages).toContain(`(service web) (task ${id}) failed container health checks.`);
    expect(messages).toContain(`(service web) has stopped 1 running tasks: (task ${id}).`);
    expect(messages.find((m) => m.includes('has started 1 tasks'))).toMatch(
      /^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\. Amazon ECS replaced 1 tasks due to an unhealthy status\.$/,
    );
  });
});
