import { describe, expect, it } from 'vitest';
import { blocksOverlap, cidrContains, cidrsOverlap, intToIp, ipToInt, parseCidr } from './cidr.js';
import { FARGATE_REQUESTER_ID, macAddressOf } from './eni.js';
import { allocateIp, isUsableAddress, usableAddressCount } from './ip-allocator.js';
import { availableIpAddressCount, createTaskEni, deleteEni, type NetworkState } from './network-state.js';
import { allocatePublicIp } from './public-ip.js';
import type { SubnetRecord } from './vpc.js';

const cidr = (t: string) => parseCidr(t)!;

describe('cidr', () => {
  it('parses and normalises IPv4 blocks, and refuses anything else', () => {
    expect(cidr('10.0.1.7/24')).toMatchObject({ text: '10.0.1.0/24', prefix: 24, size: 256 });
    expect(parseCidr('10.0.1.0')).toBeNull();
    expect(parseCidr('10.0.1.0/33')).toBeNull();
    expect(parseCidr('fd00::/64')).toBeNull();
    expect(parseCidr('banana')).toBeNull();
  });
  it('converts addresses both ways', () => {
    expect(intToIp(ipToInt('172.31.255.254'))).toBe('172.31.255.254');
    expect(ipToInt('0.0.1.0')).toBe(256);
  });
  it('tells containment and overlap', () => {
    expect(cidrContains(cidr('172.31.0.0/16'), cidr('172.31.16.0/20'))).toBe(true);
    expect(cidrContains(cidr('172.31.16.0/20'), cidr('172.31.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.128/25'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
  });
});

describe('allocateIp', () => {
  it('keeps the first four and the last address for AWS: a /28 holds 11', () => {
    const block = cidr('10.0.3.0/28');
    expect(usableAddressCount(block)).toBe(11);
    const used = new Set<string>();
    for (let i = 0; i < 11; i++) used.add(allocateIp(block, used)!);
    expect([...used]).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.3.${i + 4}`));
    expect(allocateIp(block, used)).toBeNull();
  });
  it('hands a freed address out again', () => {
    const block = cidr('10.0.3.0/28');
    const used = new Set(['10.0.3.4', '10.0.3.6']);
    expect(allocateIp(block, used)).toBe('10.0.3.5');
  });
  it('knows which addresses are usable', () => {
    const block = cidr('10.0.3.0/28');
    expect(['10.0.3.0', '10.0.3.1', '10.0.3.3', '10.0.3.15'].map((ip) => isUsableAddress(block, ip))).toEqual([false, false, false, false]);
    expect(isUsableAddress(block, '10.0.3.14')).toBe(true);
  });
});

describe('createTaskEni', () => {
  const scope = { accountId: '123456789012', region: 'eu-west-2' };
  const state = (): NetworkState => ({
    vpcs: {},
    subnets: {
      'subnet-1': { subnetId: 'subnet-1', vpcId: 'vpc-1', cidrBlock: '10.0.3.0/28', availabilityZone: 'eu-west-2a' } as SubnetRecord,
    },
    securityGroups: {},
    networkInterfaces: {},
  });
  let n = 0;
  const request = (assignPublicIp = false) => ({
    scope,
    subnetId: 'subnet-1',
    securityGroups: ['sg-1'],
    taskArn: `task-${++n}`,
    attachmentId: `att-${n}`,
    networkInterfaceId: `eni-${n}`,
    ec2AttachmentId: `eni-attach-${n}`,
    assignPublicIp,
  });

  it('hands out 11 addresses in a /28, then none; a deleted ENI’s address comes back', () => {
    const s = state();
    const enis = Array.from({ length: 11 }, () => createTaskEni(s, request(), 0)!);
    expect(new Set(enis.map((e) => e.privateIpAddress)).size).toBe(11);
    expect(createTaskEni(s, request(), 0)).toBeNull();
    expect(availableIpAddressCount(s, s.subnets['subnet-1']!)).toBe(0);
    deleteEni(s, enis[6]!.networkInterfaceId);
    expect(createTaskEni(s, request(), 0)!.privateIpAddress).toBe(enis[6]!.privateIpAddress);
  });

  it('gives an address handed out again the MAC it had, and every address of a subnet its own', () => {
    const s = state();
    const enis = Array.from({ length: 3 }, () => createTaskEni(s, request(), 0)!);
    expect(new Set(enis.map((e) => e.macAddress)).size).toBe(3);
    for (const e of enis) expect(e.macAddress).toMatch(/^0e(:[0-9a-f]{2}){5}$/);
    deleteEni(s, enis[1]!.networkInterfaceId);
    const again = createTaskEni(s, request(), 0)!;
    expect(again.privateIpAddress).toBe(enis[1]!.privateIpAddress);
    expect(again.macAddress).toBe(enis[1]!.macAddress);
    expect(macAddressOf('vpc-1', '10.0.3.4')).not.toBe(macAddressOf('vpc-2', '10.0.3.4'));
  });

  it('describes the ENI as ECS creates it for Fargate', () => {
    const eni = createTaskEni(state(), request(true), 42)!;
    expect(eni).toMatchObject({
      privateIpAddress: '10.0.3.4',
      privateDnsName: 'ip-10-0-3-4.eu-west-2.compute.internal',
      description: `arn:aws:ecs:eu-west-2:123456789012:attachment/${eni.attachmentId}`,
      interfaceType: 'interface',
      requesterManaged: true,
      requesterId: FARGATE_REQUESTER_ID,
      ownerId: '123456789012',
      status: 'in-use',
      groups: ['sg-1'],
      publicIp: '198.51.100.1',
      createdAt: 42,
    });
  });

  it('gives public IPs from the documentation ranges, never twice', () => {
    expect(allocatePublicIp(new Set())).toBe('198.51.100.1');
    expect(allocatePublicIp(new Set(['198.51.100.1', '198.51.100.2']))).toBe('198.51.100.3');
    const all = new Set(Array.from({ length: 254 }, (_, i) => `198.51.100.${i + 1}`));
    expect(allocatePublicIp(all)).toBe('203.0.113.1');
  });
});

describe('blocksOverlap', () => {
  it('tells whether two IPv4 blocks share addresses', () => {
    expect(blocksOverlap('169.254.0.0/16', '169.254.170.0/24')).toBe(true);
    expect(blocksOverlap('10.250.1.0/24', '10.250.2.0/24')).toBe(false);
    expect(blocksOverlap('10.0.0.0/8', '10.250.2.0/24')).toBe(true);
    expect(blocksOverlap('fd00::/64', '169.254.0.0/16')).toBe(false);
  });
});
