import { describe, expect, it } from 'vitest';
import { firewallPolicyFor, groupMembersOf, membershipMatters, policyKey } from './firewall-policy.js';
import { createTaskEni, deleteEni, hasInternetAccess, type NetworkState } from './network-state.js';
import { authorizeRules, createSecurityGroup, ruleSpecsOf } from './security-groups.js';
import { createSubnet, createVpc } from './vpc-operations.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };

function setup() {
  const s: NetworkState = { vpcs: {}, subnets: {}, securityGroups: {}, networkInterfaces: {} };
  createVpc(s, scope, { vpcId: 'vpc-a', defaultGroupId: 'sg-def', cidrBlock: '10.7.0.0/16', tags: [] }, 0);
  createSubnet(s, scope, { subnetId: 'subnet-a', vpcId: 'vpc-a', cidrBlock: '10.7.1.0/24', tags: [] }, 0);
  createSubnet(s, scope, { subnetId: 'subnet-b', vpcId: 'vpc-a', cidrBlock: '10.7.2.0/24', tags: [] }, 0);
  const server = createSecurityGroup(s, { groupId: 'sg-server', groupName: 'server', description: 's', vpcId: 'vpc-a', tags: [] }, 0);
  createSecurityGroup(s, { groupId: 'sg-client', groupName: 'client', description: 'c', vpcId: 'vpc-a', tags: [] }, 0);
  let n = 0;
  const eni = (subnetId: string, groups: string[], assignPublicIp = false) =>
    createTaskEni(
      s,
      {
        scope,
        subnetId,
        securityGroups: groups,
        taskArn: `t${++n}`,
        attachmentId: `a${n}`,
        networkInterfaceId: `eni-${n}`,
        ec2AttachmentId: `eni-attach-${n}`,
        assignPublicIp,
      },
      0,
    )!;
  return { s, server, eni, newId: () => `sgr-x${++n}` };
}

const OPTIONS = { hostSubjectToGroups: false, metadataAddress: '169.254.170.2' };

describe('firewallPolicyFor', () => {
  it('lets the host in through the VPC router address, and otherwise only what the groups allow', () => {
    const { s, eni } = setup();
    const policy = firewallPolicyFor(s, eni('subnet-a', ['sg-server']), OPTIONS)!;
    expect(policy).toEqual({
      vpcCidr: '10.7.0.0/16',
      mark: 1,
      internetAccess: false,
      metadataAddress: '169.254.170.2',
      trustedSources: ['10.7.0.1/32', '10.7.0.2/32'],
      ingress: [],
      egress: [{ protocol: 'all', cidrs: ['0.0.0.0/0'] }],
    });
    expect(firewallPolicyFor(s, s.networkInterfaces['eni-1']!, { ...OPTIONS, hostSubjectToGroups: true })!.trustedSources).toEqual([]);
  });

  it('matches a source group by the marks of the VPC’s group sets that include it, across subnets, as they come and go', () => {
    const { s, server, eni, newId } = setup();
    authorizeRules(
      server,
      'ingress',
      ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, groups: [{ groupId: 'sg-client' }] }]),
      newId,
    );
    const target = eni('subnet-a', ['sg-server']);
    const before = policyKey(firewallPolicyFor(s, target, OPTIONS)!);
    expect(firewallPolicyFor(s, target, OPTIONS)!.ingress).toEqual([]);
    const c1 = eni('subnet-b', ['sg-client']);
    const c2 = eni('subnet-a', ['sg-def', 'sg-client']);
    expect([target.groupSetMark, c1.groupSetMark, c2.groupSetMark]).toEqual([1, 2, 3]);
    const policy = firewallPolicyFor(s, target, OPTIONS)!;
    expect(policy.ingress).toEqual([{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: [], marks: [2, 3] }]);
    // Another member with a set the VPC already has changes nobody's rules.
    const c3 = eni('subnet-b', ['sg-client']);
    expect(c3.groupSetMark).toBe(2);
    expect(policyKey(firewallPolicyFor(s, target, OPTIONS)!)).toBe(policyKey(policy));
    for (const e of [c1, c2, c3]) deleteEni(s, e.networkInterfaceId);
    expect(policyKey(firewallPolicyFor(s, target, OPTIONS)!)).toBe(before);
    expect(s.groupSetMarks).toEqual({ 'vpc-a': { 'sg-server': 1 } });
  });

  it('falls back to addresses for members without a mark (a VPC with more than 63 group sets), and for egress', () => {
    const { s, server, eni, newId } = setup();
    authorizeRules(server, 'ingress', ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: '-1', groups: [{ groupId: 'sg-client' }] }]), newId);
    authorizeRules(
      server,
      'egress',
      ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: [{ groupId: 'sg-client' }] }]),
      newId,
    );
    // Every mark but 1 (the target's set, next) already taken by other sets.
    s.groupSetMarks = { 'vpc-a': Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`filler-${i}`, i + 2])) };
    const target = eni('subnet-a', ['sg-server']);
    const unmarked = eni('subnet-a', ['sg-client']);
    expect(unmarked.groupSetMark).toBeUndefined();
    const policy = firewallPolicyFor(s, target, OPTIONS)!;
    expect(policy.ingress).toEqual([{ protocol: 'all', cidrs: [`${unmarked.privateIpAddress}/32`] }]);
    expect(policy.egress).toContainEqual({ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrs: [`${unmarked.privateIpAddress}/32`] });
    expect(firewallPolicyFor(s, unmarked, OPTIONS)!.mark).toBe(0);
  });

  it('merges the rules of all the ENI’s groups, one entry per protocol and ports', () => {
    const { s, server, eni, newId } = setup();
    authorizeRules(
      server,
      'ingress',
      ruleSpecsOf(s, 'vpc-a', [
        { ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipRanges: [{ cidrIp: '10.7.0.0/16' }, { cidrIp: '192.168.0.0/24' }] },
        { ipProtocol: 'icmp', fromPort: 8, toPort: -1, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
        { ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipv6Ranges: [{ cidrIpv6: '::/0' }] },
      ]),
      newId,
    );
    const me = eni('subnet-a', ['sg-server', 'sg-def']);
    const policy = firewallPolicyFor(s, me, OPTIONS)!;
    expect(policy.ingress).toEqual([
      { protocol: 'all', cidrs: [], marks: [me.groupSetMark!] },
      { protocol: 'icmp', fromPort: 8, toPort: -1, cidrs: ['0.0.0.0/0'] },
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: ['10.7.0.0/16', '192.168.0.0/24'] },
    ]);
  });

  it('gives internet access only to an ENI with a public IP in a public subnet', () => {
    const { s, eni } = setup();
    const publicIpInPrivateSubnet = eni('subnet-a', ['sg-def'], true);
    expect(publicIpInPrivateSubnet.publicIp).toBe('198.51.100.1');
    expect(hasInternetAccess(s, publicIpInPrivateSubnet)).toBe(false);
    s.subnets['subnet-a']!.mapPublicIpOnLaunch = true;
    expect(hasInternetAccess(s, publicIpInPrivateSubnet)).toBe(true);
    expect(firewallPolicyFor(s, publicIpInPrivateSubnet, OPTIONS)!.internetAccess).toBe(true);
    expect(hasInternetAccess(s, eni('subnet-a', ['sg-def'], false))).toBe(false);
  });
});

describe('membershipMatters', () => {
  const policies = (s: NetworkState, except: string) =>
    Object.values(s.networkInterfaces)
      .filter((e) => e.networkInterfaceId !== except)
      .map((e) => policyKey(firewallPolicyFor(s, e, OPTIONS)!));

  it('is false exactly when a new member leaves every other task’s policy as it was', () => {
    const { s, server, eni, newId } = setup();
    eni('subnet-a', ['sg-server']);
    const before = policies(s, '');
    const loner = eni('subnet-a', ['sg-client']);
    expect(membershipMatters(s, loner)).toBe(false); // no rule names sg-client
    expect(policies(s, loner.networkInterfaceId)).toEqual(before);

    authorizeRules(
      server,
      'ingress',
      ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, groups: [{ groupId: 'sg-client' }] }]),
      newId,
    );
    const withFirst = policies(s, '');
    const second = eni('subnet-b', ['sg-client']);
    expect(membershipMatters(s, second)).toBe(false); // its set's mark is already matched
    expect(policies(s, second.networkInterfaceId)).toEqual(withFirst);

    const beforeNewSet = policies(s, '');
    const newSet = eni('subnet-a', ['sg-client', 'sg-def']);
    expect(membershipMatters(s, newSet)).toBe(true); // a new set: a new mark to match
    expect(policies(s, newSet.networkInterfaceId)).not.toEqual(beforeNewSet);
  });

  it('is true for every member a group’s egress rule names (matched by address)', () => {
    const { s, server, eni, newId } = setup();
    authorizeRules(
      server,
      'egress',
      ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: [{ groupId: 'sg-client' }] }]),
      newId,
    );
    eni('subnet-a', ['sg-server']);
    eni('subnet-a', ['sg-client']);
    const before = policies(s, '');
    const another = eni('subnet-a', ['sg-client']);
    expect(membershipMatters(s, another)).toBe(true);
    expect(policies(s, another.networkInterfaceId)).not.toEqual(before);
  });
});

describe('groupMembersOf', () => {
  it('lists each group’s members of the VPC: every address, the unmarked ones, and the marks of their sets', () => {
    const { s, eni } = setup();
    const a = eni('subnet-a', ['sg-server']);
    const b = eni('subnet-b', ['sg-server', 'sg-client']);
    const c = eni('subnet-a', ['sg-server']);
    const unmarked = { ...eni('subnet-a', ['sg-client']), groupSetMark: undefined };
    s.networkInterfaces[unmarked.networkInterfaceId] = unmarked;
    const members = groupMembersOf(s, 'vpc-a');
    const cidr = (e: { privateIpAddress: string }) => `${e.privateIpAddress}/32`;
    expect(members.get('sg-server')).toEqual({ all: [a, b, c].map(cidr), unmarked: [], marks: [a.groupSetMark, b.groupSetMark] });
    expect(members.get('sg-client')).toEqual({ all: [b, unmarked].map(cidr), unmarked: [cidr(unmarked)], marks: [b.groupSetMark] });
    expect(groupMembersOf(s, 'vpc-other').size).toBe(0);
  });
});
