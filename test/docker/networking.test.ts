// awsvpc networking end to end: the emulator on the real Docker runtime, driven through the ECS and EC2 SDKs. Each
// VPC here has a block no other Docker network uses. Traffic goes only to our own containers and to a server on
// this host (a host address on one of our networks): never out of the machine.
import net from 'node:net';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteVpcCommand,
  DeleteSubnetCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  ModifySubnetAttributeCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { RunTaskCommand, StopTaskCommand, waitUntilTasksRunning, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, exec, newInstanceId, ownedObjects, sweep } from './support/docker-harness.js';
import {
  describeTask,
  detailsOf,
  dockerIdsOf,
  fetchFromTask,
  firewallRulesOf,
  freeVpcBlock,
  registerTestTasks,
  startNetworkingEmulator,
  type DockerEmulator,
} from './support/networking.js';

const instanceId = newInstanceId('net');
const PORT = 18_000 + Math.floor(Math.random() * 2000);
let emu: DockerEmulator;
let defs: { web: string; idle: string };
let hostServer: http.Server;
let hostPort: number;

interface Vpc {
  vpcId: string;
  block: string;
  gateway: string;
  subnets: string[];
}

/** A VPC over a free /24 with /26 subnets (61 addresses each). */
async function newVpc(subnetCount: number, subnetPrefix = 26): Promise<Vpc> {
  const block = await freeVpcBlock();
  const { Vpc } = await emu.ec2.send(new CreateVpcCommand({ CidrBlock: block }));
  const base = block.split('.').slice(0, 3).join('.');
  const size = 2 ** (32 - subnetPrefix);
  const subnets: string[] = [];
  for (let i = 0; i < subnetCount; i++) {
    const { Subnet } = await emu.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `${base}.${i * size}/${subnetPrefix}` }));
    subnets.push(Subnet!.SubnetId!);
  }
  return { vpcId: Vpc!.VpcId!, block, gateway: `${base}.1`, subnets };
}

async function run(
  taskDefinition: string,
  subnet: string,
  extra: { securityGroups?: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED'; count?: number } = {},
) {
  const { tasks, failures } = await emu.ecs.send(
    new RunTaskCommand({
      taskDefinition,
      launchType: 'FARGATE',
      count: extra.count ?? 1,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: [subnet], securityGroups: extra.securityGroups, assignPublicIp: extra.assignPublicIp },
      },
    }),
  );
  expect(failures).toEqual([]);
  return tasks!.map((t) => t.taskArn!);
}

async function runRunning(taskDefinition: string, subnet: string, extra: Parameters<typeof run>[2] = {}) {
  const arns = await run(taskDefinition, subnet, extra);
  await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: arns });
  const tasks = await Promise.all(arns.map((arn) => describeTask(emu.ecs, arn)));
  return tasks.map((t) => ({
    arn: t.taskArn!,
    ip: detailsOf(t).privateIPv4Address!,
    eni: detailsOf(t).networkInterfaceId!,
    ...dockerIdsOf(emu, t.taskArn!),
  }));
}

async function stopAll(arns: string[]) {
  await Promise.all(arns.map((task) => emu.ecs.send(new StopTaskCommand({ task }))));
  await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 90, minDelay: 1 }, { tasks: arns });
}

async function newGroup(vpcId: string, name: string) {
  const { GroupId } = await emu.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }));
  return GroupId!;
}

const webUrl = (ip: string) => `http://${ip}:${PORT}/`;

beforeAll(async () => {
  emu = await startNetworkingEmulator({ instanceId });
  defs = await registerTestTasks(emu.ecs, PORT);
  hostServer = http.createServer((_req, res) => res.end('hello-from-host\n'));
  await new Promise<void>((resolve) => hostServer.listen(0, '0.0.0.0', resolve));
  hostPort = (hostServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => hostServer?.close(resolve));
  await emu?.close();
  await sweep(instanceId);
});

describe('one VPC', () => {
  it('tasks reach each other over their ENI addresses, across subnets; the ENI is the container’s eth0', async () => {
    const vpc = await newVpc(2);
    const [web] = await runRunning(defs.web, vpc.subnets[0]!);
    const [client] = await runRunning(defs.idle, vpc.subnets[1]!);
    await expect.poll(() => fetchFromTask(client!.app, webUrl(web!.ip)), { timeout: 15_000 }).toBe('hello-from-web\n');
    expect(await fetch(webUrl(web!.ip)).then((r) => r.text())).toBe('hello-from-web\n');

    const { NetworkInterfaces } = await emu.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [web!.eni] }));
    const eni = NetworkInterfaces![0]!;
    expect(eni.PrivateIpAddress).toBe(web!.ip);
    const eth0 = await exec(web!.app, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(eth0.stdout).toContain(`inet ${web!.ip}/24`);
    expect((await exec(web!.app, ['cat', '/sys/class/net/eth0/address'])).stdout.trim()).toBe(eni.MacAddress);
    expect((await exec(web!.app, ['hostname'])).stdout.trim()).toBe(eni.PrivateDnsName!.split('.')[0]);

    // One Docker network for the VPC, over its block, however many subnets it has.
    const nets = (await ownedObjects(instanceId)).networks.filter((n) => n.Labels?.['fargate-local.vpc-id'] === vpc.vpcId);
    expect(nets.map((n) => n.IPAM?.Config?.[0]?.Subnet)).toEqual([vpc.block]);
    await stopAll([web!.arn, client!.arn]);
  });

  it('a security group blocks a peer until AuthorizeSecurityGroupIngress allows it, and again after Revoke; the host always gets in', async () => {
    const vpc = await newVpc(1);
    const server = await newGroup(vpc.vpcId, 'server');
    const client = await newGroup(vpc.vpcId, 'client');
    const [web] = await runRunning(defs.web, vpc.subnets[0]!, { securityGroups: [server] });
    const [peer] = await runRunning(defs.idle, vpc.subnets[0]!, { securityGroups: [client] });
    expect(await fetchFromTask(peer!.app, webUrl(web!.ip))).toBe('');
    expect(await fetch(webUrl(web!.ip)).then((r) => r.text())).toBe('hello-from-web\n');

    const permission = { IpProtocol: 'tcp', FromPort: PORT, ToPort: PORT, UserIdGroupPairs: [{ GroupId: client }] };
    await emu.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: server, IpPermissions: [permission] }));
    await expect.poll(() => fetchFromTask(peer!.app, webUrl(web!.ip)), { timeout: 15_000 }).toBe('hello-from-web\n');

    // A task joining the client group later is let in too: the server's rules follow the group's members.
    const [late] = await runRunning(defs.idle, vpc.subnets[0]!, { securityGroups: [client] });
    await expect.poll(() => fetchFromTask(late!.app, webUrl(web!.ip)), { timeout: 15_000 }).toBe('hello-from-web\n');

    await emu.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: server, IpPermissions: [permission] }));
    await expect.poll(() => fetchFromTask(peer!.app, webUrl(web!.ip), 2), { timeout: 15_000 }).toBe('');
    expect(await firewallRulesOf(instanceId, web!.pause)).toContain(':INPUT DROP');
    await stopAll([web!.arn, peer!.arn, late!.arn]);
  });
});

describe('two VPCs', () => {
  it('tasks in different VPCs cannot reach each other; the host reaches both', async () => {
    const a = await newVpc(1);
    const b = await newVpc(1);
    const [web] = await runRunning(defs.web, b.subnets[0]!);
    const [client] = await runRunning(defs.idle, a.subnets[0]!);
    // The default group lets anything in from its members only; open it to all, so only the VPC boundary is tested.
    const { SecurityGroups } = await emu.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [b.vpcId] }] }));
    await emu.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: SecurityGroups![0]!.GroupId,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    await emu.tasks.networkIdle();
    expect(await fetchFromTask(client!.app, webUrl(web!.ip))).toBe('');
    expect(await fetch(webUrl(web!.ip)).then((r) => r.text())).toBe('hello-from-web\n');
    // The host reaches the other VPC's task too: a closed port answers with a reset (refused), not silence. (A raw
    // connection: fetch refuses some ports, such as 1, by itself, whatever the network does.)
    expect(await tcpOutcome(client!.ip, 81)).toBe('ECONNREFUSED');
    await stopAll([web!.arn, client!.arn]);
  });
});

describe('egress', () => {
  it('a private task reaches nothing outside its VPC; a public task with a public IP does', async () => {
    const vpc = await newVpc(2);
    const other = await newVpc(1);
    // A host address outside the task's VPC: the router address of another of our VPC networks (any Docker
    // network of ours exists only while a task uses it, so one runs there).
    const [anchor] = await runRunning(defs.idle, other.subnets[0]!);
    const outside = `http://${other.gateway}:${hostPort}/`;
    expect(await fetch(outside).then((r) => r.text())).toBe('hello-from-host\n');

    const [privateTask] = await runRunning(defs.idle, vpc.subnets[0]!, { assignPublicIp: 'ENABLED' });
    const rules = await firewallRulesOf(instanceId, privateTask!.pause);
    expect(rules).toContain(`-A OUTPUT ! -d ${vpc.block} -j DROP`);
    expect(rules).toContain('-A OUTPUT -d 169.254.170.2/32 -j ACCEPT');
    expect(await fetchFromTask(privateTask!.app, outside)).toBe('');
    // Its VPC's router (the host) is inside the VPC: reachable.
    expect(await fetchFromTask(privateTask!.app, `http://${vpc.gateway}:${hostPort}/`)).toBe('hello-from-host\n');
    const routes = (await exec(privateTask!.app, ['ip', '-4', 'route'])).stdout;
    expect(routes).toContain(`default via ${vpc.gateway} dev eth0`);

    await emu.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: vpc.subnets[1], MapPublicIpOnLaunch: { Value: true } }));
    const [publicTask] = await runRunning(defs.idle, vpc.subnets[1]!, { assignPublicIp: 'ENABLED' });
    expect(await firewallRulesOf(instanceId, publicTask!.pause)).not.toContain(`! -d ${vpc.block}`);
    expect(await fetchFromTask(publicTask!.app, outside)).toBe('hello-from-host\n');
    // Without a public IP the public subnet gives no way out either.
    const [noPublicIp] = await runRunning(defs.idle, vpc.subnets[1]!, { assignPublicIp: 'DISABLED' });
    expect(await fetchFromTask(noPublicIp!.app, outside)).toBe('');
    await stopAll([anchor!.arn, privateTask!.arn, publicTask!.arn, noPublicIp!.arn]);
  });
});

describe('addresses', () => {
  it('a /28 subnet fills at 11 tasks; the 12th stops with Fargate’s reason; the network goes with the last task', async () => {
    const vpc = await newVpc(1, 28);
    const arns = [...(await run(defs.idle, vpc.subnets[0]!, { count: 10 })), ...(await run(defs.idle, vpc.subnets[0]!, { count: 2 }))];
    await expect
      .poll(async () => (await Promise.all(arns.map((a) => describeTask(emu.ecs, a)))).filter((t) => t.lastStatus === 'RUNNING').length, {
        timeout: 90_000,
        interval: 1000,
      })
      .toBe(11);
    const tasks = await Promise.all(arns.map((a) => describeTask(emu.ecs, a)));
    const failed = tasks.filter((t) => t.lastStatus === 'STOPPED');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.stoppedReason).toBe(
      `Unexpected EC2 error while attempting to Create Network Interface in subnet '${vpc.subnets[0]}': InsufficientFreeAddressesInSubnet`,
    );
    const running = tasks.filter((t) => t.lastStatus === 'RUNNING');
    const ips = running.map((t) => detailsOf(t).privateIPv4Address!);
    expect(new Set(ips).size).toBe(11);
    // What each container really has is what the API says.
    for (const t of running.slice(0, 3)) {
      const { app } = dockerIdsOf(emu, t.taskArn!);
      expect((await exec(app, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout).toContain(
        `inet ${detailsOf(t).privateIPv4Address}/`,
      );
    }
    const { NetworkInterfaces } = await emu.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [vpc.subnets[0]!] }] }),
    );
    expect(NetworkInterfaces!.map((e) => e.PrivateIpAddress).sort()).toEqual([...ips].sort());

    await stopAll(running.map((t) => t.taskArn!));
    await emu.tasks.networkIdle();
    const left = (await ownedObjects(instanceId)).networks.filter((n) => n.Labels?.['fargate-local.vpc-id'] === vpc.vpcId);
    expect(left).toEqual([]);
    await emu.ec2.send(new DeleteSubnetCommand({ SubnetId: vpc.subnets[0] }));
    await emu.ec2.send(new DeleteVpcCommand({ VpcId: vpc.vpcId }));
  });

  it('publishes a task’s ports on 127.0.0.1 when asked, without networkBindings (AWS shows none for awsvpc)', async () => {
    const published = await startNetworkingEmulator({ instanceId: `${instanceId}-pub`, publishTaskPorts: true });
    try {
      await registerTestTasks(published.ecs, PORT);
      const block = await freeVpcBlock();
      const { Vpc } = await published.ec2.send(new CreateVpcCommand({ CidrBlock: block }));
      const { Subnet } = await published.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: block }));
      const { tasks } = await published.ecs.send(
        new RunTaskCommand({
          taskDefinition: 'net-web',
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [Subnet!.SubnetId!] } },
        }),
      );
      const arn = tasks![0]!.taskArn!;
      await waitUntilTasksRunning({ client: published.ecs, maxWaitTime: 60, minDelay: 1 }, { tasks: [arn] });
      const ports = published.deps.store.read(
        { accountId: '000000000000', region: 'us-east-1' },
        (s) => s.tasks[arn.split('/').pop()!]!.sandbox!.publishedPorts!,
      );
      expect(ports).toHaveLength(1);
      expect(ports[0]).toMatchObject({ containerPort: PORT, hostIp: '127.0.0.1', protocol: 'tcp' });
      await expect
        .poll(
          () =>
            fetch(`http://127.0.0.1:${ports[0]!.hostPort}/`)
              .then((r) => r.text())
              .catch(() => ''),
          { timeout: 15_000 },
        )
        .toBe('hello-from-web\n');
      const t = await describeTask(published.ecs, arn);
      expect(t.containers![0]!.networkBindings).toEqual([]);
      const pause = await docker
        .getContainer(
          published.deps.store.read(
            { accountId: '000000000000', region: 'us-east-1' },
            (s) => s.tasks[arn.split('/').pop()!]!.sandbox!.pauseContainerId,
          ),
        )
        .inspect();
      expect(pause.HostConfig.PortBindings?.[`${PORT}/tcp`]?.[0]?.HostIp).toBe('127.0.0.1');
    } finally {
      await published.close();
      await sweep(`${instanceId}-pub`);
    }
  });

  it('a restarted emulator keeps every address it handed out, and hands out no address twice', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-net-'));
    const id = `${instanceId}-restart`;
    let first: DockerEmulator | null = await startNetworkingEmulator({ instanceId: id, dataDir });
    let second: DockerEmulator | null = null;
    try {
      await registerTestTasks(first.ecs, PORT);
      const block = await freeVpcBlock();
      const { Vpc } = await first.ec2.send(new CreateVpcCommand({ CidrBlock: block }));
      const { Subnet } = await first.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: block.replace('/24', '/28') }));
      const subnetId = Subnet!.SubnetId!;
      const network = { awsvpcConfiguration: { subnets: [subnetId] } };
      const { tasks } = await first.ecs.send(
        new RunTaskCommand({ taskDefinition: 'net-idle', launchType: 'FARGATE', count: 2, networkConfiguration: network }),
      );
      const arns = tasks!.map((t) => t.taskArn!);
      await waitUntilTasksRunning({ client: first.ecs, maxWaitTime: 60, minDelay: 1 }, { tasks: arns });
      const before = await Promise.all(arns.map((a) => describeTask(first!.ecs, a)));
      const enisBefore = (
        await first.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnetId] }] }))
      ).NetworkInterfaces!;
      await first.close();
      first = null;

      second = await startNetworkingEmulator({ instanceId: id, dataDir });
      const after = await Promise.all(arns.map((a) => describeTask(second!.ecs, a)));
      expect(after.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
      expect(after.map((t) => detailsOf(t))).toEqual(before.map((t) => detailsOf(t)));
      const enisAfter = (
        await second.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnetId] }] }))
      ).NetworkInterfaces!;
      expect(enisAfter).toEqual(enisBefore);
      const { tasks: more } = await second.ecs.send(
        new RunTaskCommand({ taskDefinition: 'net-idle', launchType: 'FARGATE', networkConfiguration: network }),
      );
      await waitUntilTasksRunning({ client: second.ecs, maxWaitTime: 60, minDelay: 1 }, { tasks: [more![0]!.taskArn!] });
      const third = detailsOf(await describeTask(second.ecs, more![0]!.taskArn!)).privateIPv4Address!;
      expect(before.map((t) => detailsOf(t).privateIPv4Address)).not.toContain(third);
      const { app } = dockerIdsOf(second, more![0]!.taskArn!);
      expect((await exec(app, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout).toContain(`inet ${third}/`);
    } finally {
      await first?.close();
      await second?.close();
      await sweep(id);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** How a TCP connection from the host to ip:port ends: 'connected', an error code (ECONNREFUSED), or 'timeout'. */
function tcpOutcome(ip: string, port: number, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, ip);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}
