// After a restart, even one that skipped a clean shutdown, the emulator finds its tasks' containers: it adopts the
// live ones and marks the ones that vanished STOPPED.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { PLATFORM_STOP_REASON } from '../../src/engine/task-engine.js';
import { LABEL_TASK_ID } from '../../src/runtime/labels.js';
import { startCli, type RunningCli } from '../support/cli-process.js';
import { startDockerEmulator, type TestEmulator } from '../support/emulator.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, freeVpcCidr, newInstanceId, ownedObjects, sweep } from './support/docker-harness.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const network = { awsvpcConfiguration: { subnets: [subnet] } };
const taskIdOf = (arn: string) => arn.split('/').pop()!;

describe('restarts', () => {
  it('adopts running tasks after a restart and marks those that vanished meanwhile STOPPED', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-restart-'));
    const restartId = newInstanceId('restart');
    const defaultVpcCidr = await freeVpcCidr();
    let first: TestEmulator | undefined = await startDockerEmulator({ instanceId: restartId, dataDir, defaultVpcCidr });
    let second: TestEmulator | undefined;
    try {
      await first.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'adopt',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [
            { name: 'app', image: BUSYBOX_IMAGE, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] },
          ],
        }),
      );
      const { tasks } = await first.ecs.send(
        new RunTaskCommand({ taskDefinition: 'adopt', launchType: 'FARGATE', networkConfiguration: network, count: 2 }),
      );
      const [kept, lost] = tasks!.map((t) => t.taskArn!) as [string, string];
      await waitUntilTasksRunning({ client: first.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [kept, lost] });
      const before = (await first.ecs.send(new DescribeTasksCommand({ tasks: [kept] }))).tasks![0]!;
      await first.close();
      first = undefined;

      // While the emulator is down, one task's containers disappear.
      const { containers } = await ownedObjects(restartId);
      for (const c of containers.filter((x) => x.Labels[LABEL_TASK_ID] === taskIdOf(lost))) {
        await docker.getContainer(c.Id).remove({ force: true });
      }

      second = await startDockerEmulator({ instanceId: restartId, dataDir, defaultVpcCidr });
      await waitUntilTasksStopped({ client: second.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [lost] });
      const out = await second.ecs.send(new DescribeTasksCommand({ tasks: [kept, lost] }));
      const byArn = Object.fromEntries(out.tasks!.map((t) => [t.taskArn, t]));
      expect(byArn[kept]).toMatchObject({ lastStatus: 'RUNNING', version: before.version });
      expect(byArn[lost]!.lastStatus).toBe('STOPPED');
      // It had reached RUNNING, so AWS would call it an infrastructure failure.
      expect(byArn[lost]).toMatchObject({ stopCode: 'InfrastructureHealth', stoppedReason: PLATFORM_STOP_REASON });
      // The adopted task is still ours to stop.
      await second.ecs.send(new StopTaskCommand({ task: kept }));
      await waitUntilTasksStopped({ client: second.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [kept] });
      expect((await ownedObjects(restartId)).containers).toEqual([]);
    } finally {
      await first?.close();
      await second?.close();
      await sweep(restartId);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('kill -9', () => {
  it('in the middle of launching: after a restart every task comes up, with nothing half-made left behind', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-kill9-'));
    const id = newInstanceId('kill9');
    const args = ['--data-dir', dataDir, '--instance-id', id, '--default-vpc-cidr', await freeVpcCidr()];
    let cli: RunningCli | undefined = await startCli(args);
    const client = (endpoint: string) =>
      new ECSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      let ecs = client(cli.endpoint);
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'crashy',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [
            { name: 'a', image: BUSYBOX_IMAGE, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] },
            { name: 'b', image: BUSYBOX_IMAGE, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] },
          ],
        }),
      );
      const { tasks } = await ecs.send(
        new RunTaskCommand({ taskDefinition: 'crashy', launchType: 'FARGATE', networkConfiguration: network, count: 4 }),
      );
      const arns = tasks!.map((t) => t.taskArn!);
      await new Promise((r) => setTimeout(r, 400)); // some launches are half-way now
      await cli.kill9();
      ecs.destroy();

      cli = await startCli(args);
      ecs = client(cli.endpoint);
      await waitUntilTasksRunning({ client: ecs, maxWaitTime: 90, minDelay: 1, maxDelay: 1 }, { tasks: arns });
      // Exactly one pause and two app containers per task: nothing from the interrupted attempt survives.
      const { containers } = await ownedObjects(id);
      expect(containers).toHaveLength(arns.length * 3);
      expect(containers.every((c) => c.State === 'running')).toBe(true);
      const ips = (await ecs.send(new DescribeTasksCommand({ tasks: arns }))).tasks!.map(
        (t) => t.containers![0]!.networkInterfaces![0]!.privateIpv4Address,
      );
      expect(new Set(ips).size).toBe(arns.length);

      for (const arn of arns) await ecs.send(new StopTaskCommand({ task: arn }));
      await waitUntilTasksStopped({ client: ecs, maxWaitTime: 90, minDelay: 1, maxDelay: 1 }, { tasks: arns });
      expect((await ownedObjects(id)).containers).toEqual([]);
      ecs.destroy();
    } finally {
      await cli?.stop();
      await sweep(id);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
