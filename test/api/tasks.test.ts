// RunTask, StopTask, DescribeTasks and ListTasks through the SDK, on the in-memory runtime.
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA, subnetB] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string, string];
const network = { awsvpcConfiguration: { subnets: [subnetA] } };

let emu: TestEmulator;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  family = uniqueName('web');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }], {}).taskDefinitionArn;
  storeTaskDefinition(emu.deps.store, scope, 'ec2only', [{ name: 'app', image: 'busybox' }], {
    requiresCompatibilities: ['EC2'],
    compatibilities: ['EC2'],
    networkMode: 'bridge',
  });
});
afterAll(() => emu.close());

async function cluster() {
  const name = uniqueName('tasks');
  await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
  return name;
}

describe('RunTask', () => {
  it('returns the task at once as PROVISIONING, then it reaches RUNNING', async () => {
    const c = await cluster();
    const { tasks, failures } = await emu.ecs.send(
      new RunTaskCommand({
        cluster: c,
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: network,
        count: 2,
        startedBy: 'me',
      }),
    );
    expect(failures).toEqual([]);
    expect(tasks).toHaveLength(2);
    const t = tasks![0]!;
    expect(t).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
      capacityProviderName: 'FARGATE',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      cpu: '256',
      memory: '512',
      group: `family:${family}`,
      startedBy: 'me',
      availabilityZone: 'us-east-1a',
      ephemeralStorage: { sizeInGiB: 20 },
      attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    });
    expect(t.taskArn).toMatch(new RegExp(`^arn:aws:ecs:us-east-1:000000000000:task/${c}/[0-9a-f]{32}$`));
    expect(t.attachments![0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'PRECREATED' });
    expect(t.containers![0]!.containerArn).toMatch(/:container\/.+\/[0-9a-f]{32}\/[0-9a-f-]{36}$/);

    const arns = tasks!.map((x) => x.taskArn!);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster: c, tasks: arns });
    const described = await emu.ecs.send(new DescribeTasksCommand({ cluster: c, tasks: arns }));
    const running = described.tasks![0]!;
    expect(running.lastStatus).toBe('RUNNING');
    expect(running.version).toBeGreaterThan(t.version!);
    const details = Object.fromEntries(running.attachments![0]!.details!.map((d) => [d.name, d.value]));
    expect(details.privateIPv4Address).toMatch(/^172\.31\.(\d+)\.(\d+)$/);
    expect(details.privateDnsName).toBe(`ip-${details.privateIPv4Address!.replaceAll('.', '-')}.ec2.internal`);
    expect(details.networkInterfaceId).toMatch(/^eni-/);
    expect(details.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(running.containers![0]!.runtimeId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    expect(running.containers![0]!.networkInterfaces).toEqual([
      { attachmentId: running.attachments![0]!.id, privateIpv4Address: details.privateIPv4Address },
    ]);
    const ips = described.tasks!.map((x) => x.containers![0]!.networkInterfaces![0]!.privateIpv4Address);
    expect(new Set(ips).size).toBe(2);
  });

  it('spreads tasks over the given subnets', async () => {
    const c = await cluster();
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        cluster: c,
        taskDefinition: family,
        launchType: 'FARGATE',
        count: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnetA, subnetB] } },
      }),
    );
    expect(tasks!.map((t) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('runs in the default cluster, creating it on first use', async () => {
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    expect(tasks![0]!.clusterArn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/default');
  });

  it.each([
    [
      'no networkConfiguration',
      { networkConfiguration: undefined },
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ],
    [
      'empty subnets',
      { networkConfiguration: { awsvpcConfiguration: { subnets: [] } } },
      'InvalidParameterException',
      'subnets can not be empty.',
    ],
    [
      'an unknown subnet',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } } },
      'InvalidParameterException',
      "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID 'subnet-0123456789abcdef0' does not exist (ErrorCode: InvalidSubnetID.NotFound)",
    ],
    ['count 11', { count: 11 }, 'InvalidParameterException', 'Count must be between 1 and 10.'],
    ['launchType EC2', { launchType: 'EC2' }, 'InvalidParameterException', 'No Container Instances were found in your cluster.'],
    [
      'a launch type and a strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    ],
    ['an unknown task definition', { taskDefinition: 'nope:7' }, 'InvalidParameterException', 'TaskDefinition not found.'],
    [
      'an EC2-only task definition',
      { taskDefinition: 'ec2only' },
      'InvalidParameterException',
      'Task definition does not support launch_type FARGATE.',
    ],
    [
      'an unknown platform version',
      { platformVersion: '9.9.9' },
      'PlatformUnknownException',
      'The specified platform version does not exist.',
    ],
  ])('rejects %s', async (_what, patch, code, message) => {
    const c = await cluster();
    const err = await emu.ecs
      .send(
        new RunTaskCommand({
          cluster: c,
          taskDefinition: family,
          launchType: 'FARGATE',
          networkConfiguration: network,
          ...(patch as object),
        }),
      )
      .catch((e) => e);
    expect(err.name).toBe(code);
    expect(err.message).toBe(message);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('returns ClusterNotFoundException for an unknown cluster', async () => {
    const err = await emu.ecs
      .send(
        new RunTaskCommand({ cluster: 'no-such-cluster', taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
      )
      .catch((e) => e);
    expect(err.name).toBe('ClusterNotFoundException');
  });
});

describe('StopTask', () => {
  it('stops a task with UserInitiated and the default reason; the SDK waiter sees STOPPED', async () => {
    const c = await cluster();
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ cluster: c, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    const arn = tasks![0]!.taskArn!;
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster: c, tasks: [arn] });
    const { task } = await emu.ecs.send(new StopTaskCommand({ cluster: c, task: arn }));
    expect(task).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster: c, tasks: [arn] });
    const stopped = (await emu.ecs.send(new DescribeTasksCommand({ cluster: c, tasks: [arn] }))).tasks![0]!;
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
    expect(stopped.stoppedAt!.getTime()).toBeGreaterThanOrEqual(stopped.stoppingAt!.getTime());
    expect(stopped.executionStoppedAt).toBeInstanceOf(Date);
    expect(stopped.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 143 });
    expect(stopped.attachments![0]!.status).toBe('DELETED');
  });

  it('keeps the reason given, by task id as well as ARN', async () => {
    const c = await cluster();
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ cluster: c, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    const id = tasks![0]!.taskArn!.split('/').pop()!;
    const { task } = await emu.ecs.send(new StopTaskCommand({ cluster: c, task: id, reason: 'deploying' }));
    expect(task!.stoppedReason).toBe('deploying');
  });

  it('returns InvalidParameterException for an unknown task', async () => {
    const c = await cluster();
    const err = await emu.ecs.send(new StopTaskCommand({ cluster: c, task: '0123456789abcdef0123456789abcdef' })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('The referenced task was not found.');
  });
});

describe('DescribeTasks and ListTasks', () => {
  it('reports unknown tasks as MISSING failures and returns tags when asked', async () => {
    const c = await cluster();
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        cluster: c,
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: network,
        tags: [{ key: 'team', value: 'a' }],
      }),
    );
    const missing = `arn:aws:ecs:us-east-1:000000000000:task/${c}/ffffffffffffffffffffffffffffffff`;
    const out = await emu.ecs.send(new DescribeTasksCommand({ cluster: c, tasks: [tasks![0]!.taskArn!, missing], include: ['TAGS'] }));
    expect(out.tasks![0]!.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect(out.failures).toEqual([{ arn: missing, reason: 'MISSING' }]);
    const plain = await emu.ecs.send(new DescribeTasksCommand({ cluster: c, tasks: [tasks![0]!.taskArn!] }));
    expect(plain.tasks![0]!.tags).toBeUndefined();
  });

  it('filters by family, startedBy and desiredStatus, and paginates', async () => {
    const c = await cluster();
    await emu.ecs.send(
      new RunTaskCommand({
        cluster: c,
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: network,
        count: 3,
        startedBy: 'job',
      }),
    );
    const { tasks: other } = await emu.ecs.send(
      new RunTaskCommand({ cluster: c, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
    );
    await emu.ecs.send(new StopTaskCommand({ cluster: c, task: other![0]!.taskArn! }));

    const byStarter = await emu.ecs.send(new ListTasksCommand({ cluster: c, startedBy: 'job' }));
    expect(byStarter.taskArns).toHaveLength(3);
    const stopped = await emu.ecs.send(new ListTasksCommand({ cluster: c, desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toEqual([other![0]!.taskArn]);
    const none = await emu.ecs.send(new ListTasksCommand({ cluster: c, family: 'other-family' }));
    expect(none.taskArns).toEqual([]);

    const page1 = await emu.ecs.send(new ListTasksCommand({ cluster: c, maxResults: 2 }));
    expect(page1.taskArns).toHaveLength(2);
    const page2 = await emu.ecs.send(new ListTasksCommand({ cluster: c, maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.taskArns).toHaveLength(1);
    expect(page2.nextToken).toBeUndefined();
    expect(new Set([...page1.taskArns!, ...page2.taskArns!]).size).toBe(3);
  });

  it('keeps its pages whole while tasks are added between calls: every task listed before is listed once', async () => {
    const c = await cluster();
    const run = async (count: number) =>
      (
        await emu.ecs.send(
          new RunTaskCommand({ cluster: c, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network, count }),
        )
      ).tasks!.map((t) => t.taskArn!);
    const before = await run(7);
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await emu.ecs.send(new ListTasksCommand({ cluster: c, maxResults: 2, nextToken }));
      seen.push(...page.taskArns!);
      nextToken = page.nextToken;
      await run(1);
      pages += 1;
    } while (nextToken && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(before));
    expect([...seen].sort()).toEqual(seen);
  });

  it('hides stopped tasks once the retention period has passed', async () => {
    const short = await startTestEmulator({ stoppedTaskRetentionMs: 200 });
    try {
      storeTaskDefinition(short.deps.store, scope, 'brief', [{ name: 'app', image: 'busybox' }]);
      const { tasks } = await short.ecs.send(
        new RunTaskCommand({ taskDefinition: 'brief', launchType: 'FARGATE', networkConfiguration: network }),
      );
      const arn = tasks![0]!.taskArn!;
      await short.ecs.send(new StopTaskCommand({ task: arn }));
      await waitUntilTasksStopped({ client: short.ecs, maxWaitTime: 10, minDelay: 1 }, { tasks: [arn] });
      // Gone once the retention (200 ms here) has passed since it stopped.
      await expect
        .poll(async () => (await short.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).failures, { timeout: 10_000 })
        .toEqual([{ arn, reason: 'MISSING' }]);
    } finally {
      await short.close();
    }
  });
});

describe('tasks in their cluster', () => {
  it('count in DescribeClusters and keep DeleteCluster from deleting the cluster', async () => {
    const c = await cluster();
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({ cluster: c, taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network, count: 2 }),
    );
    const arns = tasks!.map((t) => t.taskArn!);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster: c, tasks: arns });
    const described = await emu.ecs.send(new DescribeClustersCommand({ clusters: [c], include: ['STATISTICS'] }));
    expect(described.clusters![0]).toMatchObject({ runningTasksCount: 2, pendingTasksCount: 0 });
    expect(described.clusters![0]!.statistics).toContainEqual({ name: 'runningFargateTasksCount', value: '2' });
    const err = await emu.ecs.send(new DeleteClusterCommand({ cluster: c })).catch((e) => e);
    expect(err.name).toBe('ClusterContainsTasksException');
    for (const arn of arns) await emu.ecs.send(new StopTaskCommand({ cluster: c, task: arn }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { cluster: c, tasks: arns });
    const { cluster: deleted } = await emu.ecs.send(new DeleteClusterCommand({ cluster: c }));
    expect(deleted!.status).toBe('INACTIVE');
  });
});
