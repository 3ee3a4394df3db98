// GetTaskProtection and UpdateTaskProtection through the SDK, on the in-memory runtime. Tasks a service started carry
// the group `service:<name>`; the tests start them with RunTask and that group.
import {
  CreateClusterCommand,
  GetTaskProtectionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateTaskProtectionCommand,
  waitUntilTasksRunning,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { expectEcsError } from '../support/ecs-error.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;

let emu: TestEmulator;
let family: string;
let cluster: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  family = uniqueName('protect');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
  cluster = uniqueName('protection');
  await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
});
afterAll(() => emu.close());

async function run(group?: string): Promise<Task> {
  const { tasks } = await emu.ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: family,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      ...(group ? { group } : {}),
    }),
  );
  await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster, tasks: [tasks![0]!.taskArn!] });
  return tasks![0]!;
}

describe('UpdateTaskProtection', () => {
  it('protects a service task for 120 minutes by default, or for expiresInMinutes; the id or the ARN will do', async () => {
    const task = await run('service:web');
    const before = Date.now();
    const out = await emu.ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: true }));
    expect(out.failures).toEqual([]);
    expect(out.protectedTasks).toEqual([{ taskArn: task.taskArn, protectionEnabled: true, expirationDate: expect.any(Date) }]);
    const expires = out.protectedTasks![0]!.expirationDate!.getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 120 * 60_000 + 1000);

    const id = task.taskArn!.split('/').pop()!;
    const shorter = await emu.ecs.send(
      new UpdateTaskProtectionCommand({ cluster, tasks: [id], protectionEnabled: true, expiresInMinutes: 5 }),
    );
    expect(shorter.protectedTasks![0]!.expirationDate!.getTime()).toBeLessThan(Date.now() + 5 * 60_000 + 1000);
  });

  it('unprotects: protectionEnabled false, no expirationDate', async () => {
    const task = await run('service:web');
    await emu.ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: true }));
    const out = await emu.ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: false }));
    expect(out.protectedTasks).toEqual([{ taskArn: task.taskArn, protectionEnabled: false }]);
  });

  it('reports standalone tasks as TASK_NOT_VALID and unknown ones as MISSING, protecting the rest', async () => {
    const standalone = await run();
    const service = await run('service:api');
    const unknown = `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/${'0'.repeat(32)}`;
    const out = await emu.ecs.send(
      new UpdateTaskProtectionCommand({
        cluster,
        tasks: [standalone.taskArn!, service.taskArn!, unknown],
        protectionEnabled: true,
        expiresInMinutes: 60,
      }),
    );
    expect(out.protectedTasks!.map((p) => p.taskArn)).toEqual([service.taskArn]);
    expect(out.failures).toEqual([
      { arn: unknown, reason: 'MISSING' },
      { arn: standalone.taskArn, reason: 'TASK_NOT_VALID' },
    ]);
  });

  it('refuses expiresInMinutes outside 1..2880, more than 10 tasks, and an unknown cluster', async () => {
    const task = await run('service:web');
    for (const minutes of [0, 2881]) {
      await expectEcsError(
        emu.ecs.send(
          new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: true, expiresInMinutes: minutes }),
        ),
        'InvalidParameterException',
        'The value for expiresInMinutes must be between 1 and 2880 minutes.',
      );
    }
    await expectEcsError(
      emu.ecs.send(
        new UpdateTaskProtectionCommand({ cluster, tasks: Array.from({ length: 11 }, () => task.taskArn!), protectionEnabled: true }),
      ),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateTaskProtectionCommand({ cluster: uniqueName('nope'), tasks: [task.taskArn!], protectionEnabled: true })),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
  });
});

describe('GetTaskProtection', () => {
  it('shows protection until it expires, then none', async () => {
    const task = await run('service:web');
    await emu.ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: true, expiresInMinutes: 1 }));
    const now = await emu.ecs.send(new GetTaskProtectionCommand({ cluster, tasks: [task.taskArn!] }));
    expect(now.protectedTasks).toEqual([{ taskArn: task.taskArn, protectionEnabled: true, expirationDate: expect.any(Date) }]);
    // Expire it: move the stored expiry into the past.
    const id = task.taskArn!.split('/').pop()!;
    emu.deps.store.update(scope, (s) => {
      s.tasks[id]!.protection = { expiresAt: Date.now() - 1 };
    });
    const later = await emu.ecs.send(new GetTaskProtectionCommand({ cluster, tasks: [task.taskArn!] }));
    expect(later.protectedTasks).toEqual([{ taskArn: task.taskArn, protectionEnabled: false }]);
  });

  it('without tasks: every running service task of the cluster', async () => {
    const own = uniqueName('own');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: own }));
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        cluster: own,
        taskDefinition: family,
        launchType: 'FARGATE',
        group: 'service:s',
        count: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    await emu.ecs.send(
      new RunTaskCommand({
        cluster: own,
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    const out = await emu.ecs.send(new GetTaskProtectionCommand({ cluster: own }));
    expect(out.protectedTasks!.map((p) => p.taskArn).sort()).toEqual(tasks!.map((t) => t.taskArn).sort());
    expect(out.protectedTasks!.every((p) => p.protectionEnabled === false)).toBe(true);
  });

  it('a stopped task can no longer be protected', async () => {
    const task = await run('service:web');
    await emu.ecs.send(new StopTaskCommand({ cluster, task: task.taskArn! }));
    const out = await emu.ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [task.taskArn!], protectionEnabled: true }));
    expect(out.failures).toEqual([{ arn: task.taskArn, reason: 'TASK_NOT_VALID' }]);
  });

  it('needs a cluster (required member)', async () => {
    await expectEcsError(emu.ecs.send(new GetTaskProtectionCommand({} as never)), 'ClientException', /cluster/);
  });
});
