import { describe, expect, it } from 'vitest';
import type { Ec2Error } from './ec2-errors.js';
import { createTaskEni, ensureDefaultVpc, availableIpAddressCount, type NetworkState } from './network-state.js';
import { availabilityZones, defaultVpc } from './vpc.js';
import { createSubnet, createVpc, deleteSubnet, deleteVpc } from './vpc-operations.js';
import { createSecurityGroup } from './security-groups.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };
const empty = (): NetworkState => ({ vpcs: {}, subnets: {}, securityGroups: {}, networkInterfaces: {} });

function failure(fn: () => unknown): Pick<Ec2Error, 'code' | 'message'> {
  try {
    fn();
  } catch (err) {
    return { code: (err as Ec2Error).code, message: (err as Error).message };
  }
  throw new Error('no error');
}

let n = 0;
const vpcIn = (s: NetworkState, cidrBlock = '10.0.0.0/16') =>
  createVpc(s, scope, { vpcId: `vpc-${++n}`, defaultGroupId: `sg-${n}`, cidrBlock, tags: [] }, 0);
const subnetIn = (s: NetworkState, vpcId: string, cidrBlock: string, availabilityZone?: string) =>
  createSubnet(s, scope, { subnetId: `subnet-${++n}`, vpcId, cidrBlock, availabilityZone, tags: [] }, 0);

describe('the default VPC', () => {
  it('is 172.31.0.0/16 with one public /20 default subnet per availability zone, in order', () => {
    const d = defaultVpc(scope, 0);
    expect(d.vpc).toMatchObject({ cidrBlock: '172.31.0.0/16', isDefault: true });
    expect(d.subnets.map((s) => [s.availabilityZone, s.cidrBlock, s.defaultForAz, s.mapPublicIpOnLaunch])).toEqual([
      ['us-east-1a', '172.31.0.0/20', true, true],
      ['us-east-1b', '172.31.16.0/20', true, true],
      ['us-east-1c', '172.31.32.0/20', true, true],
      ['us-east-1d', '172.31.48.0/20', true, true],
      ['us-east-1e', '172.31.64.0/20', true, true],
      ['us-east-1f', '172.31.80.0/20', true, true],
    ]);
    expect(d.securityGroup).toMatchObject({ groupName: 'default', description: 'default VPC security group' });
    expect(d.securityGroup.ingress).toMatchObject([{ ipProtocol: '-1', groupId: d.securityGroup.groupId }]);
    expect(d.securityGroup.egress).toMatchObject([{ ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }]);
  });

  it('has the same ids every time for an account and region, and other ids elsewhere', () => {
    expect(defaultVpc(scope, 0).vpc.vpcId).toBe(defaultVpc(scope, 5).vpc.vpcId);
    expect(defaultVpc(scope, 0).vpc.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(defaultVpc({ ...scope, region: 'eu-west-1' }, 0).vpc.vpcId).not.toBe(defaultVpc(scope, 0).vpc.vpcId);
  });

  it('is laid out once: a deleted default VPC does not come back', () => {
    const s = empty();
    ensureDefaultVpc(s, scope, 0);
    const vpcId = Object.keys(s.vpcs)[0]!;
    for (const id of Object.keys(s.subnets)) deleteSubnet(s, id);
    // Its internet gateway holds it, as on AWS.
    expect(() => deleteVpc(s, vpcId)).toThrow(/has dependencies/);
    s.internetGateways = {};
    deleteVpc(s, vpcId);
    ensureDefaultVpc(s, scope, 0);
    expect(s.vpcs).toEqual({});
  });

  it('names availability zones and their ids per region', () => {
    expect(availabilityZones('eu-west-2')).toEqual([
      { zoneName: 'eu-west-2a', zoneId: 'euw2-az1' },
      { zoneName: 'eu-west-2b', zoneId: 'euw2-az2' },
      { zoneName: 'eu-west-2c', zoneId: 'euw2-az3' },
    ]);
    expect(availabilityZones('ap-southeast-2')[0]!.zoneId).toBe('apse2-az1');
  });
});

describe('createVpc', () => {
  it('takes /16 to /28 blocks, normalised, with a default security group of its own', () => {
    const s = empty();
    const vpc = vpcIn(s, '10.9.0.7/16');
    expect(vpc.cidrBlock).toBe('10.9.0.0/16');
    expect(
      Object.values(s.securityGroups)
        .filter((g) => g.vpcId === vpc.vpcId)
        .map((g) => g.groupName),
    ).toEqual(['default']);
    expect(vpcIn(s, '10.10.0.0/28').cidrBlock).toBe('10.10.0.0/28');
  });

  it.each([
    ['10.0.0.0/8', 'InvalidVpc.Range', "The CIDR '10.0.0.0/8' is invalid."],
    ['10.0.0.0/29', 'InvalidVpc.Range', "The CIDR '10.0.0.0/29' is invalid."],
    ['banana', 'InvalidParameterValue', 'Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
  ])('refuses %s with %s', (cidr, code, message) => {
    expect(failure(() => vpcIn(empty(), cidr))).toEqual({ code, message });
  });

  it('allows two VPCs with the same block, as AWS does', () => {
    const s = empty();
    vpcIn(s, '10.0.0.0/16');
    expect(() => vpcIn(s, '10.0.0.0/16')).not.toThrow();
  });
});

describe('createSubnet', () => {
  it('puts the subnet in the VPC with 11 usable addresses in a /28, private by default', () => {
    const s = empty();
    const vpc = vpcIn(s);
    const subnet = subnetIn(s, vpc.vpcId, '10.0.1.0/28', 'us-east-1b');
    expect(subnet).toMatchObject({
      availabilityZone: 'us-east-1b',
      availabilityZoneId: 'use1-az2',
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
    });
    expect(availableIpAddressCount(s, subnet)).toBe(11);
  });

  it.each([
    ['outside the VPC', '10.1.0.0/24', 'InvalidSubnet.Range', "The CIDR '10.1.0.0/24' is invalid."],
    ['larger than the VPC allows', '10.0.0.0/15', 'InvalidSubnet.Range', "The CIDR '10.0.0.0/15' is invalid."],
    ['smaller than /28', '10.0.0.0/29', 'InvalidSubnet.Range', "The CIDR '10.0.0.0/29' is invalid."],
    ['overlapping another subnet', '10.0.1.128/25', 'InvalidSubnet.Conflict', "The CIDR '10.0.1.128/25' conflicts with another subnet"],
  ])('refuses a block %s', (_what, cidr, code, message) => {
    const s = empty();
    const vpc = vpcIn(s);
    subnetIn(s, vpc.vpcId, '10.0.1.0/24');
    expect(failure(() => subnetIn(s, vpc.vpcId, cidr))).toEqual({ code, message });
  });

  it('refuses an unknown VPC and an availability zone of another region', () => {
    const s = empty();
    expect(failure(() => subnetIn(s, 'vpc-0123', '10.0.0.0/24'))).toEqual({
      code: 'InvalidVpcID.NotFound',
      message: "The vpc ID 'vpc-0123' does not exist",
    });
    const vpc = vpcIn(s);
    expect(failure(() => subnetIn(s, vpc.vpcId, '10.0.0.0/24', 'eu-west-1a')).message).toMatch(
      /^Value \(eu-west-1a\) for parameter availabilityZone is invalid\. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b/,
    );
  });

  it('lets subnets of two VPCs use the same block', () => {
    const s = empty();
    subnetIn(s, vpcIn(s).vpcId, '10.0.1.0/24');
    expect(() => subnetIn(s, vpcIn(s).vpcId, '10.0.1.0/24')).not.toThrow();
  });
});

describe('deleting', () => {
  it('refuses a subnet with an ENI in it (DependencyViolation) until the ENI is gone', () => {
    const s = empty();
    const subnet = subnetIn(s, vpcIn(s).vpcId, '10.0.1.0/28');
    const eni = createTaskEni(
      s,
      {
        scope,
        subnetId: subnet.subnetId,
        securityGroups: [],
        taskArn: 't',
        attachmentId: 'a',
        networkInterfaceId: 'eni-1',
        ec2AttachmentId: 'eni-attach-1',
        assignPublicIp: false,
      },
      0,
    )!;
    expect(failure(() => deleteSubnet(s, subnet.subnetId))).toEqual({
      code: 'DependencyViolation',
      message: `The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`,
    });
    delete s.networkInterfaces[eni.networkInterfaceId];
    deleteSubnet(s, subnet.subnetId);
    expect(s.subnets).toEqual({});
  });

  it('refuses a VPC with subnets or groups of its own; its default group goes with it', () => {
    const s = empty();
    const vpc = vpcIn(s);
    const subnet = subnetIn(s, vpc.vpcId, '10.0.1.0/24');
    const dependency = { code: 'DependencyViolation', message: `The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.` };
    expect(failure(() => deleteVpc(s, vpc.vpcId))).toEqual(dependency);
    deleteSubnet(s, subnet.subnetId);
    createSecurityGroup(s, { groupId: 'sg-web', groupName: 'web', description: 'w', vpcId: vpc.vpcId, tags: [] }, 0);
    expect(failure(() => deleteVpc(s, vpc.vpcId))).toEqual(dependency);
    delete s.securityGroups['sg-web'];
    deleteVpc(s, vpc.vpcId);
    expect(s.vpcs).toEqual({});
    expect(s.securityGroups).toEqual({});
  });
});
