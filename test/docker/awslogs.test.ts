// The awslogs driver as Fargate runs it, on the real engine: every line a container writes reaches CloudWatch Logs
// (stdout and stderr, in order, with the time it was written) in `<prefix>/<container>/<task id>`, the last lines
// before the task reports STOPPED; create-group, the missing-group failure, multiline joining, `docker logs` still
// working, and adopted tasks after a restart neither losing nor repeating lines.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
  type ContainerDefinition,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../src/cli/inspect-commands.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { MISSING_LOG_GROUP } from '../../src/engine/awslogs-shipper.js';
import { LABEL_INSTANCE, LABEL_TASK_ID } from '../../src/runtime/labels.js';
import { CLI, cleanEnv } from '../support/cli-process.js';
import { startDockerEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { logsClient } from '../support/logs.js';
import { eventually } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, freeVpcCidr, newInstanceId, sweep } from './support/docker-harness.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const network = { awsvpcConfiguration: { subnets: [subnet] } };
const ROLE = 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole';
const instanceId = newInstanceId('awslogs');
const taskIdOf = (arn: string) => arn.split('/').pop()!;

let emu: TestEmulator;
let logs: CloudWatchLogsClient;
let defaultVpcCidr: string;
beforeAll(async () => {
  defaultVpcCidr = await freeVpcCidr();
  emu = await startDockerEmulator({ instanceId, defaultVpcCidr });
  logs = logsClient(emu.endpoint);
});
afterAll(async () => {
  logs?.destroy();
  await emu?.close();
  await sweep(instanceId);
});

const awslogs = (group: string, extra: Record<string, string> = {}) => ({
  logDriver: 'awslogs' as const,
  options: { 'awslogs-group': group, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs', ...extra },
});

async function register(ecs: ECSClient, containers: ContainerDefinition[]): Promise<string> {
  const family = uniqueName('awslogs');
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: ROLE,
      containerDefinitions: containers.map((c) => ({ image: BUSYBOX_IMAGE, ...c })),
    }),
  );
  return family;
}

async function run(ecs: ECSClient, family: string): Promise<string> {
  const { tasks, failures } = await ecs.send(
    new RunTaskCommand({ taskDefinition: family, launchType: 'FARGATE', networkConfiguration: network }),
  );
  expect(failures).toEqual([]);
  return tasks![0]!.taskArn!;
}

const waitStopped = (ecs: ECSClient, arn: string) =>
  waitUntilTasksStopped({ client: ecs, maxWaitTime: 90, minDelay: 1, maxDelay: 1 }, { tasks: [arn] });
const waitRunning = (ecs: ECSClient, arn: string) =>
  waitUntilTasksRunning({ client: ecs, maxWaitTime: 90, minDelay: 1, maxDelay: 1 }, { tasks: [arn] });

async function allEvents(client: CloudWatchLogsClient, group: string, stream: string): Promise<OutputLogEvent[]> {
  const events: OutputLogEvent[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await client.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }),
    );
    events.push(...page.events!);
    if (page.nextForwardToken === token) return events;
    token = page.nextForwardToken;
  }
}

async function newGroup(): Promise<string> {
  const group = `/ecs/${uniqueName('g')}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  return group;
}

describe('the awslogs driver', () => {
  it('ships stdout and stderr in order, with write times, to <prefix>/<container>/<task id>, all before STOPPED', async () => {
    const group = await newGroup();
    const script = 'for i in 1 2 3; do echo "out $i"; echo "err $i" >&2; done; sleep 1; echo "last words"; echo "last err" >&2';
    const family = await register(emu.ecs, [{ name: 'app', command: ['sh', '-c', script], logConfiguration: awslogs(group) }]);
    const started = Date.now();
    const arn = await run(emu.ecs, family);
    await waitStopped(emu.ecs, arn);
    const events = await allEvents(logs, group, `ecs/app/${taskIdOf(arn)}`);
    const messages = events.map((e) => e.message!);
    // stdout and stderr are two pipes that Docker reads side by side: each keeps its order, and the lines written
    // after the pause come after every line written before it.
    expect(messages.filter((m) => m.startsWith('out') || m === 'last words')).toEqual(['out 1', 'out 2', 'out 3', 'last words']);
    expect(messages.filter((m) => m.startsWith('err') || m === 'last err')).toEqual(['err 1', 'err 2', 'err 3', 'last err']);
    expect(new Set(messages.slice(6))).toEqual(new Set(['last words', 'last err']));
    const times = events.map((e) => e.timestamp!);
    expect(times[0]).toBeGreaterThanOrEqual(started - 1000);
    // The sleep between the loop and the last lines shows in the write times.
    expect(Math.min(times[6]!, times[7]!) - Math.max(...times.slice(0, 6))).toBeGreaterThanOrEqual(900);
    const task = (await emu.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;
    expect(events.at(-1)!.ingestionTime!).toBeLessThanOrEqual(task.stoppedAt!.getTime());
  });

  it('creates the group with awslogs-create-group; a container without awslogs sends nothing', async () => {
    const group = `/ecs/${uniqueName('created')}`;
    const quiet = `/ecs/${uniqueName('quiet')}`;
    const family = await register(emu.ecs, [
      { name: 'app', command: ['sh', '-c', 'echo hello from app'], logConfiguration: awslogs(group, { 'awslogs-create-group': 'true' }) },
      { name: 'side', essential: false, command: ['sh', '-c', `echo ${quiet}`] },
    ]);
    const arn = await run(emu.ecs, family);
    await waitStopped(emu.ecs, arn);
    const events = await allEvents(logs, group, `ecs/app/${taskIdOf(arn)}`);
    expect(events.map((e) => e.message)).toEqual(['hello from app']);
    const groups = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }))).logGroups!.map((g) => g.logGroupName);
    expect(groups).toContain(group);
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: `"${quiet}"` }));
    expect(filtered.events).toEqual([]);
  });

  it('stops the task with ResourceInitializationError when the group is missing and not to be created', async () => {
    const family = await register(emu.ecs, [
      { name: 'app', command: ['sh', '-c', 'echo never'], logConfiguration: awslogs(`/ecs/${uniqueName('missing')}`) },
    ]);
    const arn = await run(emu.ecs, family);
    await waitStopped(emu.ecs, arn);
    const task = (await emu.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;
    expect(task.stopCode).toBe('TaskFailedToStart');
    expect(task.stoppedReason).toBe(MISSING_LOG_GROUP);
    expect(task.containers![0]!.exitCode).toBeUndefined();
  });

  it('joins lines into events with awslogs-datetime-format', async () => {
    const group = await newGroup();
    const script = [
      'echo "2024-05-01 10:00:00 ERROR boom"',
      'echo "  at one()"',
      'echo "  at two()"',
      'echo "2024-05-01 10:00:01 INFO fine"',
    ].join('; ');
    const family = await register(emu.ecs, [
      { name: 'app', command: ['sh', '-c', script], logConfiguration: awslogs(group, { 'awslogs-datetime-format': '%Y-%m-%d %H:%M:%S' }) },
    ]);
    const arn = await run(emu.ecs, family);
    await waitStopped(emu.ecs, arn);
    const events = await allEvents(logs, group, `ecs/app/${taskIdOf(arn)}`);
    expect(events.map((e) => e.message)).toEqual([
      '2024-05-01 10:00:00 ERROR boom\n  at one()\n  at two()',
      '2024-05-01 10:00:01 INFO fine',
    ]);
  });

  it('keeps `docker logs` working while shipping', async () => {
    const group = await newGroup();
    const family = await register(emu.ecs, [
      {
        name: 'app',
        command: ['sh', '-c', 'echo visible in docker logs; trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'],
        logConfiguration: awslogs(group),
      },
    ]);
    const arn = await run(emu.ecs, family);
    await waitRunning(emu.ecs, arn);
    const [container] = await docker.listContainers({
      filters: { label: [`${LABEL_INSTANCE}=${instanceId}`, `${LABEL_TASK_ID}=${taskIdOf(arn)}`, 'fargate-local.container-name=app'] },
    });
    const output = (await docker.getContainer(container!.Id).logs({ stdout: true, stderr: true })).toString('utf8');
    expect(output).toContain('visible in docker logs');
    await emu.ecs.send(new StopTaskCommand({ task: arn }));
    await waitStopped(emu.ecs, arn);
    expect((await allEvents(logs, group, `ecs/app/${taskIdOf(arn)}`)).map((e) => e.message)).toEqual(['visible in docker logs']);
  });
});

describe('fargate-local logs and exec on real tasks', () => {
  it("prints what the container wrote, and runs a command in the task's container with its exit code", async () => {
    const group = await newGroup();
    const script = 'echo started up; trap "exit 0" TERM; while true; do sleep 1 & wait $!; done';
    const family = await register(emu.ecs, [{ name: 'app', command: ['sh', '-c', script], logConfiguration: awslogs(group) }]);
    const arn = await run(emu.ecs, family);
    await waitRunning(emu.ecs, arn);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    while (!lines.some((l) => l.endsWith(' started up'))) {
      lines.length = 0;
      expect(await runInspectCommand(['logs', taskIdOf(arn)], emu.endpoint, io)).toBe(0);
      if (!lines.some((l) => l.endsWith(' started up'))) await new Promise((r) => setTimeout(r, 200));
    }

    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runInspectCommand(
      ['exec', taskIdOf(arn), '--', 'sh', '-c', 'echo inside $HOSTNAME; echo oops >&2; exit 3'],
      emu.endpoint,
      {
        ...io,
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: stderr as unknown as NodeJS.WriteStream,
        stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      },
    );
    expect(code).toBe(3);
    expect(out).toMatch(/^inside \S+\n$/);
    expect(err).toBe('oops\n');
    await emu.ecs.send(new StopTaskCommand({ task: arn }));
    await waitStopped(emu.ecs, arn);
  });

  it('gives an interactive shell on a terminal, as execute-command --interactive does', async () => {
    const script = 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done';
    const family = await register(emu.ecs, [{ name: 'app', command: ['sh', '-c', script] }]);
    const arn = await run(emu.ecs, family);
    await waitRunning(emu.ecs, arn);
    // util-linux's script(1) runs the real command line on a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, CLI, 'exec', taskIdOf(arn), '--endpoint', emu.endpoint, '--', 'sh'].join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (c: Buffer) => (screen += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The shell's arithmetic proves the line ran in the container (the terminal only echoes what was typed).
    child.stdin.write('echo "tty:$(tty | cut -c1-8) sum:$((40+2))"\n');
    await eventually(async () => screen.includes('sum:42'), 30_000, 'the command typed into the shell to run');
    expect(screen).toContain('tty:/dev/pts');
    child.stdin.write('exit 7\n');
    expect(await closed).toBe(7);
    await emu.ecs.send(new StopTaskCommand({ task: arn }));
    await waitStopped(emu.ecs, arn);
  });
});

describe('the awslogs driver across a restart', () => {
  it('an adopted task keeps shipping without losing or repeating a line', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-awslogs-'));
    const restartId = newInstanceId('awslogs-restart');
    let first: TestEmulator | undefined = await startDockerEmulator({
      instanceId: restartId,
      dataDir,
      defaultVpcCidr: await freeVpcCidr(),
    });
    const cidr = first.deps.config.defaultVpcCidr;
    let second: TestEmulator | undefined;
    const firstLogs = logsClient(first.endpoint);
    try {
      await firstLogs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/counter' }));
      const script = 'trap "echo bye; exit 0" TERM; i=0; while true; do i=$((i+1)); echo "n $i"; sleep 0.1 & wait $!; done';
      const family = await register(first.ecs, [{ name: 'app', command: ['sh', '-c', script], logConfiguration: awslogs('/ecs/counter') }]);
      const arn = await run(first.ecs, family);
      await waitRunning(first.ecs, arn);
      const stream = `ecs/app/${taskIdOf(arn)}`;
      while ((await allEvents(firstLogs, '/ecs/counter', stream)).length < 10) await new Promise((r) => setTimeout(r, 200));
      await first.close();
      firstLogs.destroy();
      first = undefined;
      // Lines keep coming while no emulator is running.
      await new Promise((r) => setTimeout(r, 1500));
      second = await startDockerEmulator({ instanceId: restartId, dataDir, defaultVpcCidr: cidr });
      const secondLogs = logsClient(second.endpoint);
      try {
        await second.ecs.send(new StopTaskCommand({ task: arn }));
        await waitStopped(second.ecs, arn);
        const messages = (await allEvents(secondLogs, '/ecs/counter', stream)).map((e) => e.message!);
        expect(messages.at(-1)).toBe('bye');
        const counted = messages.slice(0, -1).map((m) => Number(m.split(' ')[1]));
        expect(counted.length).toBeGreaterThan(20);
        expect(counted).toEqual(Array.from({ length: counted.length }, (_, i) => i + 1));
      } finally {
        secondLogs.destroy();
      }
    } finally {
      await first?.close();
      await second?.close();
      await sweep(restartId);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
