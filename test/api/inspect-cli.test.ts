// `fargate-local ps` and `fargate-local logs` against a running emulator (the in-memory runtime: output is put into
// the task's awslogs stream with PutLogEvents, as the driver would).
import { CreateLogGroupCommand, PutLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../src/cli/inspect-commands.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { logsClient } from '../support/logs.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const ROLE = 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole';

let emu: TestEmulator;
let logs: CloudWatchLogsClient;
beforeAll(async () => {
  emu = await startTestEmulator();
  logs = logsClient(emu.endpoint);
});
afterAll(async () => {
  logs.destroy();
  await emu.close();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInspectCommand(argv, emu.endpoint, { out: (l) => out.push(l), err: (l) => err.push(l), columns: 200 });
  return { code, out, err: err.join('\n') };
}

async function runTask(group: string) {
  const family = uniqueName('inspect');
  await emu.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: ROLE,
      containerDefinitions: [
        {
          name: 'app',
          image: 'busybox',
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': group, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
          },
        },
        { name: 'side', image: 'busybox', essential: false },
      ],
    }),
  );
  const { tasks } = await emu.ecs.send(
    new RunTaskCommand({
      taskDefinition: family,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
    }),
  );
  const arn = tasks![0]!.taskArn!;
  await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { tasks: [arn] });
  return { arn, taskId: arn.split('/').pop()!, family };
}

describe('fargate-local ps', () => {
  it('lists running tasks as a table, and stopped ones with --all, also as JSON', async () => {
    const group = `/ecs/${uniqueName('ps')}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const running = await runTask(group);
    const stopped = await runTask(group);
    await emu.ecs.send(new StopTaskCommand({ task: stopped.arn, reason: 'done with it' }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { tasks: [stopped.arn] });

    const table = await cli('ps');
    expect(table.code).toBe(0);
    expect(table.out[0]).toMatch(/^CLUSTER +TASK +TASK DEFINITION +STATUS +HEALTH +IP +CAPACITY +AGE$/);
    const line = table.out.find((l) => l.includes(running.taskId))!;
    expect(line).toMatch(
      new RegExp(`^default +${running.taskId} +${running.family}:1 +RUNNING +UNKNOWN +172\\.31\\.\\d+\\.\\d+ +FARGATE +\\d+s$`),
    );
    expect(table.out.some((l) => l.includes(stopped.taskId))).toBe(false);

    const json = await cli('ps', '--all', '--json');
    const rows = JSON.parse(json.out.join('\n')) as { taskId: string; status: string; stopCode?: string; stoppedReason?: string }[];
    expect(rows.find((r) => r.taskId === stopped.taskId)).toMatchObject({
      status: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'done with it',
    });
    expect(rows.find((r) => r.taskId === running.taskId)).toMatchObject({ status: 'RUNNING' });
  });
});

describe('fargate-local logs', () => {
  it("prints a task's awslogs stream, --since limits it, --follow ends when the task has stopped", async () => {
    const group = `/ecs/${uniqueName('logs')}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const task = await runTask(group);
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: `web/app/${task.taskId}`,
        logEvents: [
          { timestamp: now - 3_600_000, message: 'an hour ago' },
          { timestamp: now, message: 'just now' },
        ],
      }),
    );
    const all = await cli('logs', task.taskId);
    expect(all.code).toBe(0);
    expect(all.out).toEqual([`${new Date(now - 3_600_000).toISOString()} an hour ago`, `${new Date(now).toISOString()} just now`]);
    expect((await cli('logs', task.arn, '--since', '10m')).out).toEqual([`${new Date(now).toISOString()} just now`]);

    const following = cli('logs', task.taskId, '--container', 'app', '--follow', '--since', '1m');
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: `web/app/${task.taskId}`,
        logEvents: [{ timestamp: Date.now(), message: 'later' }],
      }),
    );
    await emu.ecs.send(new StopTaskCommand({ task: task.arn }));
    const followed = await following;
    expect(followed.code).toBe(0);
    expect(followed.out.map((l) => l.slice(25))).toEqual(['just now', 'later']);
  });

  it('says why when a container has no awslogs configuration or the task is unknown', async () => {
    const group = `/ecs/${uniqueName('none')}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const task = await runTask(group);
    const side = await cli('logs', task.taskId, '--container', 'side');
    expect(side.code).toBe(1);
    expect(side.err).toContain('side: no awslogs log configuration');
    const unknown = await cli('logs', '0123456789abcdef0123456789abcdef');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no task 0123456789abcdef0123456789abcdef');
    expect((await cli('logs', task.taskId, '--since', 'yesterday')).err).toContain('--since takes a duration');
  });
});
