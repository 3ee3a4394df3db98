// Without a Docker engine the emulator still starts: the API answers, and tasks fail with a clear reason
// instead of hanging.
import { RunTaskCommand, waitUntilTasksStopped, DescribeTasksCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startDockerEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startDockerEmulator({ dockerSocket: '/nonexistent/docker.sock' });
});
afterAll(() => emu.close());

describe('with no Docker engine', () => {
  it('answers the API, and a task stops with TaskFailedToStart and a reason that names the engine', async () => {
    await emu.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'no-engine',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'busybox' }],
      }),
    );
    const subnet = defaultVpc({ accountId: '000000000000', region: 'us-east-1' }, 0).subnets[0]!.subnetId;
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition: 'no-engine',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    const arn = tasks![0]!.taskArn!;
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { tasks: [arn] });
    const t = (await emu.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;
    expect(t.stopCode).toBe('TaskFailedToStart');
    expect(t.stoppedReason).toMatch(/Docker engine/);
  });
});
