// POST /_fargate-local/reset (and the client and CLI) and GET /_fargate-local/health, on an emulator whose tasks
// run on the in-memory runtime; fargate-local/testing, the entry point for users' suites, on a real one.
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RunTaskCommand,
  waitUntilTasksRunning,
} from '@aws-sdk/client-ecs';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FargateLocalControl } from '../../src/client/control-client.js';
import { runControlCommand } from '../../src/cli/control-commands.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startFargateLocal } from '../../src/testing/index.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { defaultNetwork, elbv2Client } from '../support/elbv2.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { logsClient } from '../support/logs.js';
import { eventually } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let emu: TestEmulator;
let control: FargateLocalControl;
beforeAll(async () => {
  emu = await startTestEmulator();
  control = new FargateLocalControl(emu.endpoint);
});
afterAll(() => emu.close());

async function runningTask(): Promise<{ cluster: string; taskArn: string }> {
  const cluster = uniqueName('reset');
  await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const family = uniqueName('fam');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }], {});
  const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
  const { tasks } = await emu.ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: family,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
    }),
  );
  const taskArn = tasks![0]!.taskArn!;
  await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster, tasks: [taskArn] });
  return { cluster, taskArn };
}

describe('GET /_fargate-local/health', () => {
  it('answers ok with the engine status and the endpoint', async () => {
    expect(await control.health()).toEqual({ status: 'ok', engine: { available: true }, endpoint: emu.endpoint });
  });
});

describe('POST /_fargate-local/reset', () => {
  it('clears all state and removes the tasks containers and networks, answering once done', async () => {
    const { cluster } = await runningTask();
    const runtime = emu.runtime as FakeTaskRuntime;
    expect(runtime.containers.size).toBeGreaterThan(0);
    await control.setFault('spot-capacity-unavailable');
    const result = await control.reset();
    expect(result.tasks).toBeGreaterThanOrEqual(1);
    expect(runtime.containers.size).toBe(0);
    expect(runtime.calls.at(-1)).toBe('prune ');
    expect((await emu.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    expect(await control.listFaults()).toEqual([]);
    const err = await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: ['x'] })).catch((e) => e);
    expect(err.name).toBe('ClusterNotFoundException');
    // Still fully usable afterwards.
    await runningTask();
  });

  it('clears log groups with their events, and closes the listeners of the load balancers it removed', async () => {
    const logs = logsClient(emu.endpoint);
    const elb = elbv2Client(emu.endpoint);
    try {
      const group = uniqueName('/reset/logs');
      await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
      await logs.send(
        new PutLogEventsCommand({ logGroupName: group, logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'kept?' }] }),
      );
      const { subnets } = await defaultNetwork(emu.endpoint);
      const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: uniqueName('reset').slice(0, 32), Subnets: subnets.slice(0, 2) })))
        .LoadBalancers![0]!;
      const fixed = [{ Type: 'fixed-response' as const, FixedResponseConfig: { StatusCode: '200', MessageBody: 'served' } }];
      const { Listeners } = await elb.send(
        new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Port: 80, DefaultActions: fixed }),
      );
      const served = (await control.loadBalancers()).find((l) => l.listenerArn === Listeners![0]!.ListenerArn)!;
      const url = `http://127.0.0.1:${served.hostPort}/`;
      expect(await (await fetch(url, { headers: { host: lb.DNSName! } })).text()).toBe('served');

      await control.reset();

      expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
      const gone = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 's' })).catch((e) => e);
      expect(gone.name).toBe('ResourceNotFoundException');
      expect(await control.loadBalancers()).toEqual([]);
      await expect(fetch(url, { headers: { host: lb.DNSName! } })).rejects.toThrow();
    } finally {
      logs.destroy();
      elb.destroy();
    }
  });

  it('leaves nothing of a launch that was in flight when it ran', async () => {
    const runtime = emu.runtime as FakeTaskRuntime;
    let reached!: () => void;
    const inSandbox = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    runtime.beforeSandbox = async () => {
      reached();
      await held;
    };
    try {
      const cluster = uniqueName('inflight');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      const family = uniqueName('fam');
      storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }], {});
      const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
      const { tasks } = await emu.ecs.send(
        new RunTaskCommand({
          cluster,
          taskDefinition: family,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
        }),
      );
      const taskId = tasks![0]!.taskArn!.split('/').at(-1)!;
      await inSandbox;
      await control.reset();
      release();
      // The launch goes on to make its sandbox after the reset removed the task: that is removed too.
      await eventually(
        async () => runtime.calls.some((c) => c.startsWith(`sandbox ${taskId} `)),
        10_000,
        'the held launch to make its sandbox',
      );
      await eventually(
        async () =>
          runtime.calls.includes(`remove ${taskId}`) &&
          runtime.calls.lastIndexOf(`remove ${taskId}`) > runtime.calls.findIndex((c) => c.startsWith(`sandbox ${taskId} `)),
        10_000,
        'the late sandbox to be removed',
      );
      expect(runtime.containers.size).toBe(0);
    } finally {
      runtime.beforeSandbox = null;
      release();
    }
  });

  it('clears one account (or account and region) only', async () => {
    const other = emu.client({ accountId: '123456789012' });
    const inEu = emu.client({ accountId: '123456789012', region: 'eu-west-1' });
    await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('keep') }));
    await other.send(new CreateClusterCommand({ clusterName: uniqueName('gone') }));
    await inEu.send(new CreateClusterCommand({ clusterName: uniqueName('eu') }));
    expect(await control.reset({ accountId: '123456789012', region: 'us-east-1' })).toMatchObject({
      scopes: [{ accountId: '123456789012', region: 'us-east-1' }],
    });
    expect((await other.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    expect((await inEu.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
    expect((await emu.ecs.send(new ListClustersCommand({}))).clusterArns!.length).toBeGreaterThan(0);
    other.destroy();
    inEu.destroy();
  });

  it('is also the CLI command `fargate-local reset`, and `fargate-local health`', async () => {
    await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('cli') }));
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runControlCommand(['reset', '--endpoint', emu.endpoint], emu.endpoint, io)).toBe(0);
    expect((await emu.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    expect(await runControlCommand(['health', '--endpoint', emu.endpoint], emu.endpoint, io)).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ status: 'ok' });
  });
});

describe('fargate-local/testing', () => {
  it('starts an emulator on a free port, ready, with client configuration for any SDK client; reset and stop', async () => {
    const emulator = await startFargateLocal({ args: ['--no-metadata-endpoint'] });
    try {
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.config.dataDir).toBeNull();
      expect((await emulator.health()).status).toBe('ok');
      const ecs = new ECSClient(emulator.clients.ecs);
      const ec2 = new EC2Client(emulator.clientConfig);
      await ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
      expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBeGreaterThan(0);
      await emulator.reset();
      expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
      ecs.destroy();
      ec2.destroy();
    } finally {
      await emulator.stop();
    }
    await expect(fetch(`${emulator.endpoint}/_fargate-local/health`)).rejects.toThrow();
    await emulator.stop();
  });
});
