import { describe, expect, it } from 'vitest';
import type { Ec2Error } from './ec2-errors.js';
import type { NetworkState } from './network-state.js';
import {
  authorizeRules,
  createSecurityGroup,
  deleteSecurityGroup,
  describeRule,
  normalizeProtocol,
  revokeRules,
  revokeRulesById,
  ruleSpecsOf,
  type PermissionInput,
} from './security-groups.js';
import { createVpc } from './vpc-operations.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };

function failure(fn: () => unknown): Pick<Ec2Error, 'code' | 'message'> {
  try {
    fn();
  } catch (err) {
    return { code: (err as Ec2Error).code, message: (err as Error).message };
  }
  throw new Error('no error');
}

function setup() {
  const s: NetworkState = { vpcs: {}, subnets: {}, securityGroups: {}, networkInterfaces: {} };
  createVpc(s, scope, { vpcId: 'vpc-a', defaultGroupId: 'sg-defa', cidrBlock: '10.0.0.0/16', tags: [] }, 0);
  createVpc(s, scope, { vpcId: 'vpc-b', defaultGroupId: 'sg-defb', cidrBlock: '10.1.0.0/16', tags: [] }, 0);
  const web = createSecurityGroup(s, { groupId: 'sg-web', groupName: 'web', description: 'web', vpcId: 'vpc-a', tags: [] }, 0);
  let n = 0;
  const newId = () => `sgr-${++n}`;
  return { s, web, newId };
}

const tcp = (port: number, cidrIp: string): PermissionInput => ({
  ipProtocol: 'tcp',
  fromPort: port,
  toPort: port,
  ipRanges: [{ cidrIp }],
});

describe('createSecurityGroup', () => {
  it('starts with no ingress and all egress', () => {
    const { web } = setup();
    expect(web.ingress).toEqual([]);
    expect(web.egress).toMatchObject([{ ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }]);
    expect(web.egress[0]!.ruleId).toMatch(/^sgr-[0-9a-f]{17}$/);
  });

  it.each([
    [{ groupName: 'web' }, 'InvalidGroup.Duplicate', "The security group 'web' already exists for VPC 'vpc-a'"],
    [{ groupName: 'default' }, 'InvalidParameterValue', 'Cannot use reserved security group name: default'],
    [{ groupName: 'sg-123' }, 'InvalidParameterValue', 'Group names may not be in the format sg-*.'],
    [{ groupName: undefined }, 'MissingParameter', 'The request must contain the parameter GroupName'],
    [{ description: undefined }, 'MissingParameter', 'The request must contain the parameter GroupDescription'],
  ])('refuses %o with %s', (patch, code, message) => {
    const { s } = setup();
    const req = { groupId: 'sg-new', groupName: 'other', description: 'd', vpcId: 'vpc-a', tags: [], ...patch };
    expect(failure(() => createSecurityGroup(s, req, 0))).toEqual({ code, message });
  });

  it('allows the same name in another VPC', () => {
    const { s } = setup();
    expect(() =>
      createSecurityGroup(s, { groupId: 'sg-web2', groupName: 'web', description: 'd', vpcId: 'vpc-b', tags: [] }, 0),
    ).not.toThrow();
  });
});

describe('rules', () => {
  it('stores one rule per peer, with protocol numbers as EC2 names them', () => {
    const { s, web, newId } = setup();
    const specs = ruleSpecsOf(s, 'vpc-a', [
      {
        ipProtocol: '6',
        fromPort: 80,
        toPort: 90,
        ipRanges: [{ cidrIp: '10.0.0.0/24' }, { cidrIp: '192.168.1.7/32', description: 'me' }],
        groups: [{ groupId: 'sg-defa' }],
      },
      { ipProtocol: 'ICMP', fromPort: 8, toPort: -1, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
      { ipProtocol: '-1', fromPort: 1, toPort: 2, groups: [{ groupName: 'default' }] },
    ]);
    const added = authorizeRules(web, 'ingress', specs, newId);
    expect(added.map(({ ruleId: _id, ...r }) => r)).toEqual([
      { ipProtocol: 'tcp', fromPort: 80, toPort: 90, cidrIpv4: '10.0.0.0/24' },
      { ipProtocol: 'tcp', fromPort: 80, toPort: 90, cidrIpv4: '192.168.1.7/32', description: 'me' },
      { ipProtocol: 'tcp', fromPort: 80, toPort: 90, groupId: 'sg-defa' },
      { ipProtocol: 'icmp', fromPort: 8, toPort: -1, cidrIpv4: '0.0.0.0/0' },
      { ipProtocol: '-1', groupId: 'sg-defa' },
    ]);
    expect(web.ingress).toHaveLength(5);
  });

  it('refuses a rule that exists, naming it as EC2 does, and adds nothing', () => {
    const { s, web, newId } = setup();
    authorizeRules(web, 'ingress', ruleSpecsOf(s, 'vpc-a', [tcp(80, '0.0.0.0/0')]), newId);
    const twice = ruleSpecsOf(s, 'vpc-a', [tcp(22, '10.0.0.0/8'), tcp(80, '0.0.0.0/0')]);
    expect(failure(() => authorizeRules(web, 'ingress', twice, newId))).toEqual({
      code: 'InvalidPermission.Duplicate',
      message: 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists',
    });
    expect(web.ingress).toHaveLength(1);
    expect(describeRule({ ipProtocol: '-1', groupId: 'sg-f6b1a68b' })).toBe('peer: sg-f6b1a68b, ALL, ALLOW');
  });

  it.each([
    [
      { ipProtocol: 'tcp', ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
      'InvalidParameterValue',
      'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.',
    ],
    [{ ipProtocol: 'tcp', fromPort: 90, toPort: 80, ipRanges: [{ cidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue', /from port \(90\)/],
    [
      { ipProtocol: 'banana', ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
      'InvalidParameterValue',
      "Invalid value 'banana' for IP protocol. Unknown protocol.",
    ],
    [tcp(80, '10.0.0.0/33'), 'InvalidParameterValue', 'CIDR block 10.0.0.0/33 is malformed'],
    [
      { ipProtocol: 'tcp', fromPort: 80, toPort: 80, groups: [{ groupId: 'sg-nope' }] },
      'InvalidGroup.NotFound',
      "The security group 'sg-nope' does not exist",
    ],
    [
      { ipProtocol: 'tcp', fromPort: 80, toPort: 80, groups: [{ groupId: 'sg-defb' }] },
      'InvalidGroup.NotFound',
      'You have specified two resources that belong to different networks.',
    ],
    [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80 }, 'MissingParameter', 'The request must contain the parameter IpPermissions'],
  ])('refuses %o', (permission, code, message) => {
    const { s } = setup();
    const f = failure(() => ruleSpecsOf(s, 'vpc-a', [permission as PermissionInput]));
    expect(f.code).toBe(code);
    if (typeof message === 'string') expect(f.message).toBe(message);
    else expect(f.message).toMatch(message);
  });

  it('revokes by content (description aside) and by id; an unknown rule is InvalidPermission.NotFound', () => {
    const { s, web, newId } = setup();
    const [a, b] = authorizeRules(
      web,
      'ingress',
      ruleSpecsOf(s, 'vpc-a', [
        tcp(80, '0.0.0.0/0'),
        { ...tcp(443, '0.0.0.0/0'), ipRanges: [{ cidrIp: '0.0.0.0/0', description: 'tls' }] },
      ]),
      newId,
    );
    const result = revokeRules(web, 'ingress', ruleSpecsOf(s, 'vpc-a', [tcp(443, '0.0.0.0/0'), tcp(22, '0.0.0.0/0')]));
    expect(result.revoked).toEqual([b]);
    expect(result.unknown).toMatchObject([{ ipProtocol: 'tcp', fromPort: 22 }]);
    expect(failure(() => revokeRules(web, 'ingress', ruleSpecsOf(s, 'vpc-a', [tcp(22, '0.0.0.0/0')])))).toEqual({
      code: 'InvalidPermission.NotFound',
      message: 'The specified rule does not exist in this security group.',
    });
    expect(revokeRulesById(web, 'ingress', [a!.ruleId]).revoked).toEqual([a]);
    expect(web.ingress).toEqual([]);
    expect(failure(() => revokeRulesById(web, 'ingress', ['sgr-0'])).code).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('normalises protocols', () => {
    expect(['-1', 'all', '6', 'TCP', '17', '1', '58', '47'].map(normalizeProtocol)).toEqual([
      '-1',
      '-1',
      'tcp',
      'tcp',
      'udp',
      'icmp',
      'icmpv6',
      '47',
    ]);
  });
});

describe('deleteSecurityGroup', () => {
  it('refuses the default group, a group an ENI uses, and a group another group names', () => {
    const { s, web, newId } = setup();
    expect(failure(() => deleteSecurityGroup(s, s.securityGroups['sg-defa']!))).toEqual({
      code: 'CannotDelete',
      message: 'the specified group: "sg-defa" name: "default" cannot be deleted by a user',
    });
    const client = createSecurityGroup(s, { groupId: 'sg-client', groupName: 'client', description: 'c', vpcId: 'vpc-a', tags: [] }, 0);
    authorizeRules(
      web,
      'ingress',
      ruleSpecsOf(s, 'vpc-a', [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, groups: [{ groupId: 'sg-client' }] }]),
      newId,
    );
    expect(failure(() => deleteSecurityGroup(s, client))).toEqual({
      code: 'DependencyViolation',
      message: 'resource sg-client has a dependent object',
    });
    web.ingress = [];
    s.networkInterfaces['eni-1'] = { groups: ['sg-client'] } as never;
    expect(failure(() => deleteSecurityGroup(s, client)).code).toBe('DependencyViolation');
    delete s.networkInterfaces['eni-1'];
    deleteSecurityGroup(s, client);
    expect(s.securityGroups['sg-client']).toBeUndefined();
  });
});
