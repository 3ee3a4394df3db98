// Tasks really run: RunTask → Docker containers → DescribeTasks, through the SDK, on the real engine.
import http from 'node:http';
import {
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
  type ContainerDefinition,
  type Task,
  type Volume,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { LABEL_INSTANCE, LABEL_TASK_ID } from '../../src/runtime/labels.js';
import { startDockerEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, freeVpcCidr, newInstanceId, sweep } from './support/docker-harness.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const network = { awsvpcConfiguration: { subnets: [subnet] } };
const instanceId = newInstanceId('tasks');

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startDockerEmulator({ instanceId, defaultVpcCidr: await freeVpcCidr() });
});
afterAll(async () => {
  await emu?.close();
  await sweep(instanceId);
});

async function family(containers: ContainerDefinition[], volumes: Volume[] = []): Promise<string> {
  const name = uniqueName('docker');
  await emu.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: containers.map((c) => ({ image: BUSYBOX_IMAGE, ...c })),
      volumes,
    }),
  );
  return name;
}

async function run(taskDefinition: string): Promise<string> {
  const { tasks, failures } = await emu.ecs.send(
    new RunTaskCommand({ taskDefinition, launchType: 'FARGATE', networkConfiguration: network }),
  );
  expect(failures).toEqual([]);
  return tasks![0]!.taskArn!;
}

async function describe1(arn: string): Promise<Task> {
  return (await emu.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;
}

const waitRunning = (arns: string[]) =>
  waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: arns });
const waitStopped = (arns: string[], maxWaitTime = 60) =>
  waitUntilTasksStopped({ client: emu.ecs, maxWaitTime, minDelay: 1, maxDelay: 1 }, { tasks: arns });

const taskIdOf = (arn: string) => arn.split('/').pop()!;

async function containersOf(arn: string) {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL_INSTANCE}=${instanceId}`, `${LABEL_TASK_ID}=${taskIdOf(arn)}`] } });
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('a task on Docker', () => {
  it('reaches RUNNING, its container really runs at the ENI address, and StopTask removes everything', async () => {
    const td = await family([
      {
        name: 'web',
        // httpd as PID 1 would ignore SIGTERM (and be killed after stopTimeout); an init process forwards it.
        linuxParameters: { initProcessEnabled: true },
        command: ['sh', '-c', 'mkdir -p /www && echo "hello from $HOSTNAME" > /www/index.html && exec httpd -f -p 8080 -h /www'],
      },
    ]);
    const arn = await run(td);
    await waitRunning([arn]);
    const task = await describe1(arn);
    const ip = task.containers![0]!.networkInterfaces![0]!.privateIpv4Address!;
    expect(ip).toMatch(/^10\.\d+\.0\.\d+$/);
    expect(task.containers![0]!.runtimeId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    expect(task.containers![0]!.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(task.pullStartedAt).toBeInstanceOf(Date);

    const live = await containersOf(arn);
    expect(live.map((c) => c.State).sort()).toEqual(['running', 'running']); // pause + web
    const body = await httpGet(`http://${ip}:8080/`);
    expect(body).toBe(`hello from ip-${ip.replaceAll('.', '-')}\n`);

    await emu.ecs.send(new StopTaskCommand({ task: arn }));
    await waitStopped([arn]);
    const stopped = await describe1(arn);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
    expect(await containersOf(arn)).toEqual([]);
  });

  it('stops when its essential container exits, with EssentialContainerExited and the real exit code', async () => {
    const td = await family([
      { name: 'job', command: ['sh', '-c', 'sleep 1; exit 3'] },
      { name: 'side', essential: false, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] },
    ]);
    const arn = await run(td);
    await waitStopped([arn]);
    const t = await describe1(arn);
    expect(t).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    const byName = Object.fromEntries(t.containers!.map((c) => [c.name, c]));
    expect(byName.job).toMatchObject({ lastStatus: 'STOPPED', exitCode: 3 });
    expect(byName.side).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
  });

  it('StopTask sends SIGTERM, then SIGKILL after stopTimeout', async () => {
    const td = await family([
      { name: 'graceful', command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'], stopTimeout: 10 },
      { name: 'stubborn', command: ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done'], stopTimeout: 3 },
    ]);
    const arn = await run(td);
    await waitRunning([arn]);
    const started = Date.now();
    await emu.ecs.send(new StopTaskCommand({ task: arn, reason: 'testing signals' }));
    await waitStopped([arn]);
    const elapsed = Date.now() - started;
    const t = await describe1(arn);
    const byName = Object.fromEntries(t.containers!.map((c) => [c.name, c]));
    expect(byName.graceful!.exitCode).toBe(0);
    expect(byName.stubborn!.exitCode).toBe(137);
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    expect(t.stoppedReason).toBe('testing signals');
  });

  it('starts containers in dependsOn order: HEALTHY and SUCCESS conditions hold before the dependent starts', async () => {
    const td = await family(
      [
        {
          name: 'init',
          essential: false,
          command: ['sh', '-c', 'echo seeded > /shared/seed'],
          mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }],
        },
        {
          name: 'db',
          command: ['sh', '-c', 'sleep 2; touch /shared/db-ready; while true; do sleep 1; done'],
          linuxParameters: { initProcessEnabled: true },
          healthCheck: { command: ['CMD-SHELL', 'test -f /shared/db-ready'], interval: 1, timeout: 1, retries: 2, startPeriod: 0 } as never,
          mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }],
        },
        {
          name: 'app',
          dependsOn: [
            { containerName: 'init', condition: 'SUCCESS' },
            { containerName: 'db', condition: 'HEALTHY' },
          ],
          // Exits 0 only if both of its dependencies had done their part when it started.
          command: ['sh', '-c', 'test -f /shared/seed && test -f /shared/db-ready && touch /shared/app-ok; while true; do sleep 1; done'],
          linuxParameters: { initProcessEnabled: true },
          mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }],
        },
      ],
      [{ name: 'shared' }],
    );
    const arn = await run(td);
    await waitRunning([arn]);
    const t = await describe1(arn);
    expect(t.healthStatus).toBe('HEALTHY');
    const app = (await containersOf(arn)).find((c) => c.Labels['com.amazonaws.ecs.container-name'] === 'app')!;
    const probe = await docker.getContainer(app.Id).exec({ Cmd: ['test', '-f', '/shared/app-ok'] });
    await (await probe.start({})).resume();
    await expect.poll(async () => (await probe.inspect()).Running, { timeout: 10_000 }).toBe(false);
    expect((await probe.inspect()).ExitCode).toBe(0);
    await emu.ecs.send(new StopTaskCommand({ task: arn }));
    await waitStopped([arn]);
  });

  it('reports an OOM kill as AWS does', async () => {
    const td = await family([{ name: 'hog', memory: 16, command: ['sh', '-c', 'head -c 100m /dev/zero | tail'] }]);
    const arn = await run(td);
    await waitStopped([arn]);
    const c = (await describe1(arn)).containers![0]!;
    expect(c).toMatchObject({ exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' });
  });

  it('fails with TaskFailedToStart and CannotPullContainerError when the image cannot be pulled, leaving nothing', async () => {
    const td = await family([{ name: 'app', image: '127.0.0.1:1/no/such-image:1' }]);
    const arn = await run(td);
    await waitStopped([arn]);
    const t = await describe1(arn);
    expect(t.stopCode).toBe('TaskFailedToStart');
    expect(t.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(t.containers![0]!.reason).toMatch(/^CannotPullContainerError: /);
    expect(await containersOf(arn)).toEqual([]);
  });

  it('shares an EFS volume between tasks, and it outlives them', async () => {
    const efs: Volume[] = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: `fs-${instanceId.slice(-8)}` } }];
    const mount = [{ sourceVolume: 'data', containerPath: '/mnt/efs' }];
    const writer = await family([{ name: 'w', command: ['sh', '-c', 'echo persisted > /mnt/efs/note'], mountPoints: mount }], efs);
    const first = await run(writer);
    await waitStopped([first]);
    expect((await describe1(first)).containers![0]!.exitCode).toBe(0);
    const reader = await family([{ name: 'r', command: ['sh', '-c', 'test "$(cat /mnt/efs/note)" = persisted'], mountPoints: mount }], efs);
    const second = await run(reader);
    await waitStopped([second]);
    expect((await describe1(second)).containers![0]!.exitCode).toBe(0);
  });

  it('gives the container the task definition environment with overrides winning, and Fargate variables', async () => {
    const td = await family([
      {
        name: 'env',
        environment: [
          { name: 'A', value: 'from-definition' },
          { name: 'B', value: 'kept' },
        ],
        command: [
          'sh',
          '-c',
          'test "$A" = overridden && test "$B" = kept && test "$AWS_EXECUTION_ENV" = AWS_ECS_FARGATE && test "$AWS_REGION" = us-east-1',
        ],
      },
    ]);
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition: td,
        launchType: 'FARGATE',
        networkConfiguration: network,
        overrides: { containerOverrides: [{ name: 'env', environment: [{ name: 'A', value: 'overridden' }] }] },
      }),
    );
    const arn = tasks![0]!.taskArn!;
    await waitStopped([arn]);
    expect((await describe1(arn)).containers![0]!.exitCode).toBe(0);
  });
});
