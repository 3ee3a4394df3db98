// Task ENIs seen from both sides (in-memory runtime): DescribeTasks' attachment and EC2's DescribeNetworkInterfaces
// agree from PROVISIONING until the task is deprovisioned; a full subnet fails the launch as Fargate does.
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { ec2Client, ec2Failure } from '../support/ec2.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const defaultSubnet = defaultVpc(scope, 0).subnets[2]!.subnetId;
let emu: TestEmulator;
let ec2: EC2Client;
let family: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = ec2Client(emu.endpoint);
  family = uniqueName('eni');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
});
afterAll(async () => {
  ec2.destroy();
  await emu.close();
});

const detailsOf = (t: Task) => Object.fromEntries(t.attachments![0]!.details!.map((d) => [d.name!, d.value!]));

async function run(subnets: string[], extra: { count?: number; assignPublicIp?: 'ENABLED' | 'DISABLED'; securityGroups?: string[] } = {}) {
  const { tasks } = await emu.ecs.send(
    new RunTaskCommand({
      taskDefinition: family,
      launchType: 'FARGATE',
      count: extra.count ?? 1,
      networkConfiguration: {
        awsvpcConfiguration: { subnets, assignPublicIp: extra.assignPublicIp, securityGroups: extra.securityGroups },
      },
    }),
  );
  return tasks!;
}

const describe1 = async (arn: string) => (await emu.ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;

async function newSubnet(vpcCidr: string, cidr: string) {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr }));
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: cidr }));
  return { vpcId: Vpc!.VpcId!, subnetId: Subnet!.SubnetId! };
}

describe('a task’s ENI', () => {
  it('is the same in DescribeTasks and DescribeNetworkInterfaces, shaped like a Fargate ENI', async () => {
    const [task] = await run([defaultSubnet]);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const t = await describe1(task!.taskArn!);
    const d = detailsOf(t);
    expect(t.attachments![0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'ATTACHED' });
    expect(t.containers![0]!.networkInterfaces).toEqual([
      { attachmentId: t.attachments![0]!.id, privateIpv4Address: d.privateIPv4Address },
    ]);
    expect(t.containers![0]!.networkBindings).toEqual([]);

    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [d.networkInterfaceId!] }));
    const eni = NetworkInterfaces![0]!;
    expect(eni).toMatchObject({
      NetworkInterfaceId: d.networkInterfaceId,
      SubnetId: d.subnetId,
      MacAddress: d.macAddress,
      PrivateIpAddress: d.privateIPv4Address,
      PrivateDnsName: d.privateDnsName,
      AvailabilityZone: t.availabilityZone,
      Description: `arn:aws:ecs:us-east-1:000000000000:attachment/${t.attachments![0]!.id}`,
      InterfaceType: 'interface',
      RequesterManaged: true,
      Status: 'in-use',
      OwnerId: '000000000000',
      SourceDestCheck: true,
      Attachment: { DeviceIndex: 1, NetworkCardIndex: 0, Status: 'attached', DeleteOnTermination: false },
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: d.privateIPv4Address, PrivateDnsName: d.privateDnsName }],
    });
    expect(eni.RequesterId).toMatch(/^\d{12}$/);
    expect(eni.Attachment!.AttachmentId).toMatch(/^eni-attach-[0-9a-f]{17}$/);
    expect(eni.Attachment!.AttachTime).toBeInstanceOf(Date);
    expect(eni.Groups).toHaveLength(1);
    expect(eni.Groups![0]!.GroupName).toBe('default');
    expect(eni.Association).toBeUndefined();
  });

  it.each([
    ['subnet-id', (e: NetworkInterface) => e.SubnetId!],
    ['group-id', (e: NetworkInterface) => e.Groups![0]!.GroupId!],
    ['status', () => 'in-use'],
    ['description', (e: NetworkInterface) => e.Description!],
    ['addresses.private-ip-address', (e: NetworkInterface) => e.PrivateIpAddress!],
  ])('is found with the %s filter', async (name, value) => {
    const [task] = await run([defaultSubnet]);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const eniId = detailsOf(await describe1(task!.taskArn!)).networkInterfaceId!;
    const eni = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }))).NetworkInterfaces![0]!;
    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: name, Values: [value(eni)] }] }));
    expect(NetworkInterfaces!.map((e) => e.NetworkInterfaceId)).toContain(eniId);
    const none = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: name, Values: ['no-such-value'] }] }));
    expect(none.NetworkInterfaces).toEqual([]);
  });

  it('goes ATTACHED → DELETED with the task, and is then gone from EC2 with its address free', async () => {
    const [task] = await run([defaultSubnet]);
    expect(task!.attachments![0]!.status).toBe('PRECREATED');
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const eniId = detailsOf(await describe1(task!.taskArn!)).networkInterfaceId!;
    await emu.ecs.send(new StopTaskCommand({ task: task!.taskArn! }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const stopped = await describe1(task!.taskArn!);
    expect(stopped.attachments![0]!.status).toBe('DELETED');
    const err = await ec2Failure(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] })));
    expect([err.name, err.message]).toEqual(['InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`]);
  });

  it('has an emulated public IP in EC2 (Association) with assignPublicIp ENABLED, which DescribeTasks does not show', async () => {
    const [task] = await run([defaultSubnet], { assignPublicIp: 'ENABLED' });
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const t = await describe1(task!.taskArn!);
    expect(Object.keys(detailsOf(t)).sort()).toEqual([
      'macAddress',
      'networkInterfaceId',
      'privateDnsName',
      'privateIPv4Address',
      'subnetId',
    ]);
    const { NetworkInterfaces } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [detailsOf(t).networkInterfaceId!] }),
    );
    const association = NetworkInterfaces![0]!.Association!;
    expect(association.PublicIp).toMatch(/^(198\.51\.100|203\.0\.113)\.\d+$/);
    expect(association).toMatchObject({
      IpOwnerId: 'amazon',
      PublicDnsName: `ec2-${association.PublicIp!.replaceAll('.', '-')}.compute-1.amazonaws.com`,
    });
    expect(NetworkInterfaces![0]!.PrivateIpAddresses![0]!.Association).toEqual(association);
    const byPublicIp = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'association.public-ip', Values: [association.PublicIp!] }] }),
    );
    expect(byPublicIp.NetworkInterfaces!.map((e) => e.NetworkInterfaceId)).toEqual([NetworkInterfaces![0]!.NetworkInterfaceId]);
  });
});

describe('a full subnet', () => {
  it('fills at 11 tasks in a /28; the 12th stops from PROVISIONING with Fargate’s reason, holding nothing', async () => {
    const { subnetId } = await newSubnet('10.60.0.0/16', '10.60.0.0/28');
    const first = await run([subnetId], { count: 10 });
    const second = await run([subnetId], { count: 2 });
    const arns = [...first, ...second].map((t) => t.taskArn!);
    await emu.tasks.idle();
    const { tasks } = await emu.ecs.send(new DescribeTasksCommand({ tasks: arns }));
    const running = tasks!.filter((t) => t.lastStatus === 'RUNNING');
    const failed = tasks!.filter((t) => t.lastStatus === 'STOPPED');
    expect(running).toHaveLength(11);
    expect(failed).toHaveLength(1);
    const ips = running.map((t) => detailsOf(t).privateIPv4Address!);
    expect(new Set(ips).size).toBe(11);
    expect(ips.sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]))).toEqual(
      Array.from({ length: 11 }, (_, i) => `10.60.0.${i + 4}`),
    );
    expect(failed[0]).toMatchObject({
      stopCode: 'TaskFailedToStart',
      stoppedReason: `Unexpected EC2 error while attempting to Create Network Interface in subnet '${subnetId}': InsufficientFreeAddressesInSubnet`,
      desiredStatus: 'STOPPED',
    });
    expect(failed[0]!.pullStartedAt).toBeUndefined();
    expect(detailsOf(failed[0]!).networkInterfaceId).toBeUndefined();
    const failedId = failed[0]!.taskArn!.split('/').pop()!;
    expect((emu.runtime as FakeTaskRuntime).calls.some((c) => c.startsWith(`sandbox ${failedId}`))).toBe(false);
    const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnetId] }] }));
    expect(enis.NetworkInterfaces).toHaveLength(11);

    // A stopped task's address comes back: the next task gets it.
    const freed = detailsOf(running[0]!).privateIPv4Address;
    await emu.ecs.send(new StopTaskCommand({ task: running[0]!.taskArn! }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [running[0]!.taskArn!] });
    const [next] = await run([subnetId]);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [next!.taskArn!] });
    expect(detailsOf(await describe1(next!.taskArn!)).privateIPv4Address).toBe(freed);
  });

  it('says so with public IP assignment when it was asked for', async () => {
    const { subnetId } = await newSubnet('10.61.0.0/16', '10.61.0.0/28');
    const tasks = await run([subnetId], { count: 10, assignPublicIp: 'ENABLED' });
    const more = await run([subnetId], { count: 2, assignPublicIp: 'ENABLED' });
    await emu.tasks.idle();
    const { tasks: described } = await emu.ecs.send(new DescribeTasksCommand({ tasks: [...tasks, ...more].map((t) => t.taskArn!) }));
    expect(described!.find((t) => t.lastStatus === 'STOPPED')!.stoppedReason).toBe(
      `Unexpected EC2 error while attempting to Create Network Interface with public IP assignment enabled in subnet '${subnetId}': InsufficientFreeAddressesInSubnet`,
    );
  });
});

describe('RunTask network checks', () => {
  it('refuses a security group of another VPC than the subnets', async () => {
    const { vpcId } = await newSubnet('10.62.0.0/16', '10.62.0.0/24');
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: uniqueName('other'), Description: 'd', VpcId: vpcId }));
    const err = await ec2Failure(
      emu.ecs.send(
        new RunTaskCommand({
          taskDefinition: family,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [defaultSubnet], securityGroups: [GroupId!] } },
        }),
      ),
    );
    expect(err.name).toBe('InvalidParameterException');
  });

  it('uses the VPC’s default group when none is given', async () => {
    const { vpcId, subnetId } = await newSubnet('10.63.0.0/16', '10.63.0.0/24');
    const [task] = await run([subnetId]);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [task!.taskArn!] });
    const eniId = detailsOf(await describe1(task!.taskArn!)).networkInterfaceId!;
    const eni = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }))).NetworkInterfaces![0]!;
    expect(eni).toMatchObject({ VpcId: vpcId, Groups: [{ GroupName: 'default' }] });
  });
});
