// The warm pool on the real Docker engine: launches into a warm subnet take a ready sandbox (its address, MAC and
// pause container) and the pool refills; spares are invisible to EC2 (no ENI, their addresses count as free); a
// /28 with spares still launches its 11 tasks; security groups are enforced as without the pool; close() removes
// the spares, and a restart removes those a crash left and keeps tasks that run on former spares.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { RunTaskCommand, StopTaskCommand, waitUntilTasksRunning, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSpareId } from '../../src/domain/warm-pool.js';
import { LABEL_INSTANCE, LABEL_ROLE, LABEL_TASK_ID } from '../../src/runtime/labels.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, exec, newInstanceId, ownedObjects, sweep } from './support/docker-harness.js';
import {
  describeTask,
  detailsOf,
  dockerIdsOf,
  fetchFromTask,
  freeVpcBlock,
  registerTestTasks,
  startNetworkingEmulator,
  type DockerEmulator,
} from './support/networking.js';

const PORT = 20_000 + Math.floor(Math.random() * 2000);

/**
 * The spare sandboxes of an emulator instance (no task's app joined them; a claimed one keeps its `warm-` label):
 * container id → address on the VPC network.
 */
async function sparesOf(instanceId: string, vpcBlockPrefix?: string): Promise<Map<string, string>> {
  const { containers } = await ownedObjects(instanceId);
  const joined = new Set(containers.map((c) => (c.HostConfig as { NetworkMode?: string }).NetworkMode?.replace(/^container:/, '')));
  const spares = new Map<string, string>();
  for (const c of containers.filter((x) => isSpareId(x.Labels[LABEL_TASK_ID] ?? '') && !joined.has(x.Id))) {
    const ips = Object.values(c.NetworkSettings?.Networks ?? {}).map((n) => n.IPAddress);
    const ip = ips.find((a) => !vpcBlockPrefix || a.startsWith(vpcBlockPrefix)) ?? '';
    if (!vpcBlockPrefix || ip) spares.set(c.Id, ip);
  }
  return spares;
}

describe('the warm pool', () => {
  const instanceId = newInstanceId('pool');
  let emu: DockerEmulator;
  let defs: { web: string; idle: string };

  beforeAll(async () => {
    emu = await startNetworkingEmulator({ instanceId, warmPool: true, warmPoolSize: 2 });
    defs = await registerTestTasks(emu.ecs, PORT);
  });

  afterAll(async () => {
    await emu?.close();
    try {
      // close() leaves no spare behind.
      expect([...(await sparesOf(instanceId)).keys()]).toEqual([]);
    } finally {
      await sweep(instanceId);
    }
  });

  async function newVpc(prefix: number) {
    const block = await freeVpcBlock();
    const { Vpc } = await emu.ec2.send(new CreateVpcCommand({ CidrBlock: block }));
    const base = block.split('.').slice(0, 3).join('.');
    const { Subnet } = await emu.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `${base}.0/${prefix}` }));
    return { vpcId: Vpc!.VpcId!, base: `${base}.`, subnet: Subnet!.SubnetId! };
  }

  async function run(taskDefinition: string, subnet: string, securityGroups?: string[], count = 1) {
    const { tasks, failures } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition,
        launchType: 'FARGATE',
        count,
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups } },
      }),
    );
    expect(failures).toEqual([]);
    return tasks!.map((t) => t.taskArn!);
  }

  async function runRunning(taskDefinition: string, subnet: string, securityGroups?: string[]) {
    const [arn] = (await run(taskDefinition, subnet, securityGroups)) as [string];
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: [arn] });
    const t = await describeTask(emu.ecs, arn);
    return { arn, ip: detailsOf(t).privateIPv4Address!, mac: detailsOf(t).macAddress!, ...dockerIdsOf(emu, arn) };
  }

  /** Every launch done and the pool refilled. */
  async function settled() {
    await emu.tasks.idle();
    await emu.tasks.warmPool.idle();
  }

  async function stopAll(arns: string[]) {
    await Promise.all(arns.map((task) => emu.ecs.send(new StopTaskCommand({ task }))));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: arns });
  }

  async function available(subnet: string) {
    const { Subnets } = await emu.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet] }));
    return Subnets![0]!.AvailableIpAddressCount;
  }

  async function enis(subnet: string) {
    const { NetworkInterfaces } = await emu.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnet] }] }),
    );
    return NetworkInterfaces!.map((e) => e.PrivateIpAddress).sort();
  }

  it('a launch into a warm subnet takes a spare (address, MAC, pause container); the pool refills; spares are no ENIs', async () => {
    const vpc = await newVpc(26); // 59 usable addresses
    const first = await runRunning(defs.idle, vpc.subnet);
    await settled();
    const spares = await sparesOf(instanceId, vpc.base);
    expect(spares.size).toBe(2);
    // Invisible to EC2: no ENI, and their addresses count as free.
    expect(await enis(vpc.subnet)).toEqual([first.ip]);
    expect(await available(vpc.subnet)).toBe(58);

    const second = await runRunning(defs.idle, vpc.subnet);
    expect(spares.get(second.pause)).toBe(second.ip);
    const eth0 = await exec(second.app, ['cat', '/sys/class/net/eth0/address']);
    expect(eth0.stdout.trim()).toBe(second.mac);
    expect((await exec(second.app, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout).toContain(`inet ${second.ip}/`);
    expect(await enis(vpc.subnet)).toEqual([first.ip, second.ip].sort());
    expect(await available(vpc.subnet)).toBe(57);

    await settled();
    const refilled = await sparesOf(instanceId, vpc.base);
    expect(refilled.size).toBe(2);
    expect(refilled.has(second.pause)).toBe(false);

    await stopAll([first.arn, second.arn]);
    // The task's pause container (a former spare) goes with it.
    await expect(docker.getContainer(second.pause).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('security groups hold on tasks from spares: blocked until authorized, and again after revoke', async () => {
    const vpc = await newVpc(26);
    const group = async (name: string) =>
      (await emu.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc.vpcId }))).GroupId!;
    const server = await group('server');
    const client = await group('client');
    // Warm both keys, then launch from the pool.
    const coldWeb = await runRunning(defs.web, vpc.subnet, [server]);
    const coldPeer = await runRunning(defs.idle, vpc.subnet, [client]);
    await settled();
    const spares = await sparesOf(instanceId, vpc.base);
    const web = await runRunning(defs.web, vpc.subnet, [server]);
    const peer = await runRunning(defs.idle, vpc.subnet, [client]);
    expect(spares.has(web.pause) && spares.has(peer.pause)).toBe(true);
    const url = `http://${web.ip}:${PORT}/`;
    expect(await fetchFromTask(peer.app, url)).toBe('');
    expect(await fetch(url).then((r) => r.text())).toBe('hello-from-web\n');

    const permission = { IpProtocol: 'tcp', FromPort: PORT, ToPort: PORT, UserIdGroupPairs: [{ GroupId: client }] };
    await emu.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: server, IpPermissions: [permission] }));
    await expect.poll(() => fetchFromTask(peer.app, url), { timeout: 15_000 }).toBe('hello-from-web\n');
    await settled();
    const refilled = await sparesOf(instanceId, vpc.base);
    // A member joining the client group later, from a spare made before the rule existed, is let in too.
    const late = await runRunning(defs.idle, vpc.subnet, [client]);
    expect(refilled.has(late.pause)).toBe(true);
    await expect.poll(() => fetchFromTask(late.app, url), { timeout: 15_000 }).toBe('hello-from-web\n');

    await emu.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: server, IpPermissions: [permission] }));
    await expect.poll(() => fetchFromTask(peer.app, url, 2), { timeout: 15_000 }).toBe('');
    await stopAll([coldWeb.arn, coldPeer.arn, web.arn, peer.arn, late.arn]);
  });

  it('a /28 with spares still launches its 11 tasks; the 12th stops with Fargate’s reason', async () => {
    const vpc = await newVpc(28);
    const [first] = await run(defs.idle, vpc.subnet);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: [first!] });
    await settled();
    expect((await sparesOf(instanceId, vpc.base)).size).toBe(2);
    expect(await available(vpc.subnet)).toBe(10);

    const arns = [first!, ...(await run(defs.idle, vpc.subnet, undefined, 10)), ...(await run(defs.idle, vpc.subnet))];
    await expect
      .poll(async () => (await Promise.all(arns.map((a) => describeTask(emu.ecs, a)))).filter((t) => t.lastStatus === 'RUNNING').length, {
        timeout: 90_000,
        interval: 1000,
      })
      .toBe(11);
    const tasks = await Promise.all(arns.map((a) => describeTask(emu.ecs, a)));
    const failed = tasks.filter((t) => t.lastStatus === 'STOPPED');
    expect(failed.map((t) => t.stoppedReason)).toEqual([
      `Unexpected EC2 error while attempting to Create Network Interface in subnet '${vpc.subnet}': InsufficientFreeAddressesInSubnet`,
    ]);
    const running = tasks.filter((t) => t.lastStatus === 'RUNNING');
    expect(new Set(running.map((t) => detailsOf(t).privateIPv4Address)).size).toBe(11);
    expect(await available(vpc.subnet)).toBe(0);
    await settled();
    expect((await sparesOf(instanceId, vpc.base)).size).toBe(0);
    await stopAll(running.map((t) => t.taskArn!));
  });
});

describe('the warm pool across a restart', () => {
  it('a task on a former spare is adopted and stopped cleanly; spares a crash left are removed at start-up', async () => {
    const instanceId = newInstanceId('pool-restart');
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-pool-restart-'));
    let emu: DockerEmulator | undefined;
    try {
      emu = await startNetworkingEmulator({ instanceId, dataDir, warmPool: true, warmPoolSize: 1 });
      const { idle } = await registerTestTasks(emu.ecs, PORT);
      const block = await freeVpcBlock();
      const { Vpc } = await emu.ec2.send(new CreateVpcCommand({ CidrBlock: block }));
      const { Subnet } = await emu.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: block }));
      const network = { awsvpcConfiguration: { subnets: [Subnet!.SubnetId!] } };
      const runOne = async (e: DockerEmulator) => {
        const { tasks } = await e.ecs.send(
          new RunTaskCommand({ taskDefinition: idle, launchType: 'FARGATE', networkConfiguration: network }),
        );
        await waitUntilTasksRunning({ client: e.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: [tasks![0]!.taskArn!] });
        return tasks![0]!.taskArn!;
      };
      const cold = await runOne(emu);
      await emu.tasks.idle();
      await emu.tasks.warmPool.idle();
      const spares = await sparesOf(instanceId);
      expect(spares.size).toBe(1);
      const warm = await runOne(emu);
      const warmPause = dockerIdsOf(emu, warm).pause;
      expect(spares.has(warmPause)).toBe(true);
      await emu.tasks.idle();
      await emu.tasks.warmPool.idle();
      await emu.close();
      emu = undefined;
      // Nothing is left of the pool but the task's former spare, which its app joined.
      expect([...(await sparesOf(instanceId)).keys()]).toEqual([]);
      const { containers } = await ownedObjects(instanceId);
      expect(containers.some((c) => c.Id === warmPause)).toBe(true);

      // As if a crash had left a spare behind.
      const leftover = await docker.createContainer({
        Image: BUSYBOX_IMAGE,
        Cmd: ['sleep', '300'],
        Labels: { [LABEL_INSTANCE]: instanceId, [LABEL_TASK_ID]: 'warm-leftover', [LABEL_ROLE]: 'pause' },
      });
      await leftover.start();

      emu = await startNetworkingEmulator({ instanceId, dataDir, warmPool: true, warmPoolSize: 1 });
      await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
      const out = await Promise.all([cold, warm].map((a) => describeTask(emu!.ecs, a)));
      expect(out.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
      await emu.ecs.send(new StopTaskCommand({ task: warm }));
      await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [warm] });
      await expect(docker.getContainer(warmPause).inspect()).rejects.toMatchObject({ statusCode: 404 });
      await emu.ecs.send(new StopTaskCommand({ task: cold }));
      await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [cold] });
      await emu.close();
      emu = undefined;
      expect((await ownedObjects(instanceId)).containers).toEqual([]);
    } finally {
      await emu?.close();
      await sweep(instanceId);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
