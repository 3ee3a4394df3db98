// VPCs, subnets and availability zones through @aws-sdk/client-ec2: the default VPC every account and region
// starts with, creating and deleting, EC2's errors, filters, tags, and ENIs holding subnets (in-memory runtime).
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ModifySubnetAttributeCommand,
  paginateDescribeSubnets,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { RunTaskCommand, StopTaskCommand, waitUntilTasksRunning, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { ec2Client, ec2Failure } from '../support/ec2.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let emu: TestEmulator;
let ec2: EC2Client;
let family: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = ec2Client(emu.endpoint);
  family = uniqueName('net');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
});
afterAll(async () => {
  ec2.destroy();
  await emu.close();
});

let block = 0;
/** A VPC with a /16 no other test of this file uses. */
async function newVpc(tags: { Key: string; Value: string }[] = []) {
  block += 1;
  const { Vpc } = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: `10.${block}.0.0/16`,
      TagSpecifications: tags.length ? [{ ResourceType: 'vpc', Tags: tags }] : undefined,
    }),
  );
  return Vpc!;
}

describe('the default VPC', () => {
  it('is there from the start: 172.31.0.0/16 with a default /20 subnet per availability zone', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    expect(Vpcs).toHaveLength(1);
    const vpc = Vpcs![0]!;
    expect(vpc).toMatchObject({
      CidrBlock: '172.31.0.0/16',
      IsDefault: true,
      State: 'available',
      OwnerId: '000000000000',
      InstanceTenancy: 'default',
    });
    expect(vpc.CidrBlockAssociationSet).toMatchObject([{ CidrBlock: '172.31.0.0/16', CidrBlockState: { State: 'associated' } }]);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(Subnets!.map((s) => s.AvailabilityZone)).toEqual(AvailabilityZones!.map((z) => z.ZoneName));
    expect(Subnets!.map((s) => s.CidrBlock).slice(0, 3)).toEqual(['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20']);
    expect(Subnets![0]).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, State: 'available', AvailableIpAddressCount: 4091 });
    expect(Subnets![0]!.SubnetArn).toBe(`arn:aws:ec2:us-east-1:000000000000:subnet/${Subnets![0]!.SubnetId}`);
  });

  it('lists availability zones with their ids, and filters them', async () => {
    const { AvailabilityZones } = await ec2.send(
      new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-id', Values: ['use1-az2'] }] }),
    );
    expect(AvailabilityZones).toEqual([
      expect.objectContaining({ ZoneName: 'us-east-1b', ZoneId: 'use1-az2', State: 'available', ZoneType: 'availability-zone' }),
    ]);
    const err = await ec2Failure(ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1z'] })));
    expect(err.name).toBe('InvalidParameterValue');
  });
});

describe('CreateVpc / DescribeVpcs / DeleteVpc', () => {
  it('creates a VPC with its tags and finds it by id, by tag and by CIDR', async () => {
    const vpc = await newVpc([{ Key: 'Name', Value: 'main & <test>' }]);
    expect(vpc).toMatchObject({ State: 'available', IsDefault: false, Tags: [{ Key: 'Name', Value: 'main & <test>' }] });
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    expect(byId.Vpcs).toEqual([vpc]);
    const byTag = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['main & *'] }] }));
    expect(byTag.Vpcs!.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
    const byCidr = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr', Values: [vpc.CidrBlock!] }] }));
    expect(byCidr.Vpcs!.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
  });

  it.each([
    ['10.0.0.0/8', 'InvalidVpc.Range', "The CIDR '10.0.0.0/8' is invalid."],
    ['10.0.0.0/29', 'InvalidVpc.Range', "The CIDR '10.0.0.0/29' is invalid."],
    ['10.0.0.0', 'InvalidParameterValue', 'Value (10.0.0.0) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
  ])('refuses the block %s with %s', async (cidr, code, message) => {
    const err = await ec2Failure(ec2.send(new CreateVpcCommand({ CidrBlock: cidr })));
    expect({ name: err.name, message: err.message, status: err.$metadata.httpStatusCode }).toEqual({ name: code, message, status: 400 });
  });

  it('refuses to delete a VPC with a subnet, then deletes it; describing it is then InvalidVpcID.NotFound', async () => {
    const vpc = await newVpc();
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: vpc.CidrBlock!.replace('/16', '/24') }));
    const err = await ec2Failure(ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })));
    expect([err.name, err.message]).toEqual(['DependencyViolation', `The vpc '${vpc.VpcId}' has dependencies and cannot be deleted.`]);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet!.SubnetId }));
    await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
    const gone = await ec2Failure(ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] })));
    expect([gone.name, gone.message]).toEqual(['InvalidVpcID.NotFound', `The vpc ID '${vpc.VpcId}' does not exist`]);
  });
});

describe('CreateSubnet / DescribeSubnets / DeleteSubnet', () => {
  it('creates a subnet in an availability zone, private, with AWS’s usable address count', async () => {
    const vpc = await newVpc();
    const cidr = vpc.CidrBlock!.replace('0.0/16', '3.0/28');
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpc.VpcId,
        CidrBlock: cidr,
        AvailabilityZone: 'us-east-1c',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'tier', Value: 'db' }] }],
      }),
    );
    expect(Subnet).toMatchObject({
      CidrBlock: cidr,
      AvailabilityZone: 'us-east-1c',
      AvailabilityZoneId: 'use1-az3',
      AvailableIpAddressCount: 11,
      DefaultForAz: false,
      MapPublicIpOnLaunch: false,
    });
    const { Subnets } = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'tag:tier', Values: ['db'] },
          { Name: 'vpc-id', Values: [vpc.VpcId!] },
        ],
      }),
    );
    expect(Subnets!.map((s) => s.SubnetId)).toEqual([Subnet!.SubnetId]);
  });

  it.each([
    ['outside the VPC', '192.168.0.0/24', 'InvalidSubnet.Range', "The CIDR '192.168.0.0/24' is invalid."],
    ['too small', '10.{b}.0.0/29', 'InvalidSubnet.Range', "The CIDR '10.{b}.0.0/29' is invalid."],
    ['overlapping a subnet', '10.{b}.1.128/25', 'InvalidSubnet.Conflict', "The CIDR '10.{b}.1.128/25' conflicts with another subnet"],
  ])('refuses a block %s', async (_what, cidrTemplate, code, messageTemplate) => {
    const vpc = await newVpc();
    const b = vpc.CidrBlock!.split('.')[1]!;
    await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: `10.${b}.1.0/24` }));
    const err = await ec2Failure(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: cidrTemplate.replace('{b}', b) })));
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual([code, messageTemplate.replace('{b}', b), 400]);
  });

  it('refuses an unknown VPC and an unknown subnet', async () => {
    const err = await ec2Failure(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0000000000000000a', CidrBlock: '10.0.0.0/24' })));
    expect([err.name, err.message]).toEqual(['InvalidVpcID.NotFound', "The vpc ID 'vpc-0000000000000000a' does not exist"]);
    const missing = await ec2Failure(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0000000000000000a'] })));
    expect([missing.name, missing.message]).toEqual([
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-0000000000000000a' does not exist",
    ]);
    const del = await ec2Failure(ec2.send(new DeleteSubnetCommand({ SubnetId: 'subnet-0000000000000000a' })));
    expect(del.name).toBe('InvalidSubnetID.NotFound');
  });

  it('pages through subnets with MaxResults and NextToken (the SDK paginator)', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeSubnets({ client: ec2, pageSize: 5 }, {})) {
      expect(page.Subnets!.length).toBeLessThanOrEqual(5);
      ids.push(...page.Subnets!.map((s) => s.SubnetId!));
    }
    const all = await ec2.send(new DescribeSubnetsCommand({}));
    expect(ids).toEqual(all.Subnets!.map((s) => s.SubnetId));
    expect(ids.length).toBeGreaterThan(5);
  });

  it('goes on where the last page ended while subnets are created and deleted between pages', async () => {
    const vpc = await newVpc();
    const cidr = (n: number) => vpc.CidrBlock!.replace('0.0/16', `${n}.0/24`);
    const made: string[] = [];
    for (let n = 1; n <= 7; n++)
      made.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: cidr(n) }))).Subnet!.SubnetId!);
    const ofVpc = [{ Name: 'vpc-id', Values: [vpc.VpcId!] }];
    const first = await ec2.send(new DescribeSubnetsCommand({ Filters: ofVpc, MaxResults: 5 }));
    const seen = first.Subnets!.map((s) => s.SubnetId!);
    expect(seen).toHaveLength(5);
    // The last subnet of the page and one before it go; one more comes.
    await ec2.send(new DeleteSubnetCommand({ SubnetId: seen[4] }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: seen[1] }));
    const added = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: cidr(8) }))).Subnet!.SubnetId!;
    const next = await ec2.send(new DescribeSubnetsCommand({ Filters: ofVpc, MaxResults: 5, NextToken: first.NextToken }));
    const rest = next.Subnets!.map((s) => s.SubnetId!);
    expect(rest.sort()).toEqual([...made.filter((id) => !seen.includes(id)), added].sort());
    expect(next.NextToken).toBeUndefined();
  });

  it('holds a subnet while a task’s ENI is in it: fewer free addresses, DependencyViolation until the task is stopped', async () => {
    const vpc = await newVpc();
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: vpc.CidrBlock!.replace('0.0/16', '9.0/28') }));
    const subnetId = Subnet!.SubnetId!;
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition: family,
        launchType: 'FARGATE',
        count: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
      }),
    );
    const arns = tasks!.map((t) => t.taskArn!);
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: arns });
    const held = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    expect(held.Subnets![0]!.AvailableIpAddressCount).toBe(9);
    const err = await ec2Failure(ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
    expect([err.name, err.message]).toEqual(['DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`]);
    for (const task of arns) await emu.ecs.send(new StopTaskCommand({ task }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: arns });
    const freed = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    expect(freed.Subnets![0]!.AvailableIpAddressCount).toBe(11);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  });

  it('makes a subnet public with ModifySubnetAttribute', async () => {
    const vpc = await newVpc();
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: vpc.CidrBlock!.replace('/16', '/20') }));
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: Subnet!.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
    const { Subnets } = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'map-public-ip-on-launch', Values: ['true'] },
          { Name: 'vpc-id', Values: [vpc.VpcId!] },
        ],
      }),
    );
    expect(Subnets!.map((s) => s.SubnetId)).toEqual([Subnet!.SubnetId]);
  });
});
