// Security groups through @aws-sdk/client-ec2: create, describe, authorize and revoke ingress and egress rules,
// delete, with EC2's errors; and running tasks getting new rules at once (in-memory runtime).
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, RunTaskCommand, waitUntilTasksRunning } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { ec2Client, ec2Failure } from '../support/ec2.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const { vpc: defaultVpcRecord, subnets } = defaultVpc(scope, 0);
let emu: TestEmulator;
let ec2: EC2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = ec2Client(emu.endpoint);
});
afterAll(async () => {
  ec2.destroy();
  await emu.close();
});

async function group(name = uniqueName('group'), vpcId?: string) {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `group ${name}`, VpcId: vpcId }));
  return GroupId!;
}

const describeGroup = async (id: string) => (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0]!;

describe('CreateSecurityGroup / DescribeSecurityGroups', () => {
  it('creates a group in the default VPC with all egress and no ingress', async () => {
    const name = uniqueName('web');
    const id = await group(name);
    expect(id).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(await describeGroup(id)).toMatchObject({
      GroupId: id,
      GroupName: name,
      Description: `group ${name}`,
      VpcId: defaultVpcRecord.vpcId,
      OwnerId: '000000000000',
      IpPermissions: [],
      IpPermissionsEgress: [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [] },
      ],
    });
  });

  it('shows the default VPC’s default group, which lets its members in', async () => {
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: ['default'] },
          { Name: 'vpc-id', Values: [defaultVpcRecord.vpcId] },
        ],
      }),
    );
    expect(SecurityGroups).toHaveLength(1);
    const g = SecurityGroups![0]!;
    expect(g.IpPermissions).toEqual([
      {
        IpProtocol: '-1',
        UserIdGroupPairs: [{ UserId: '000000000000', GroupId: g.GroupId }],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ]);
  });

  it.each([
    [
      'a name the VPC has',
      async () => ({
        GroupName: await (async () => {
          const n = uniqueName('dup');
          await group(n);
          return n;
        })(),
      }),
      'InvalidGroup.Duplicate',
      /^The security group '.+' already exists for VPC 'vpc-[0-9a-f]+'$/,
    ],
    [
      'the reserved name default',
      async () => ({ GroupName: 'default' }),
      'InvalidParameterValue',
      /^Cannot use reserved security group name: default$/,
    ],
    [
      'an unknown VPC',
      async () => ({ GroupName: uniqueName('x'), VpcId: 'vpc-0000000000000000b' }),
      'InvalidVpcID.NotFound',
      /^The vpc ID 'vpc-0000000000000000b' does not exist$/,
    ],
  ])('refuses %s', async (_what, input, code, message) => {
    const err = await ec2Failure(ec2.send(new CreateSecurityGroupCommand({ Description: 'd', ...(await input()) })));
    expect(err.name).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('requires a description, as AWS does (MissingParameter), and creates nothing without one', async () => {
    const name = uniqueName('nodesc');
    const err = await ec2Failure(ec2.send(new CreateSecurityGroupCommand({ GroupName: name } as never)));
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual([
      'MissingParameter',
      'The request must contain the parameter GroupDescription',
      400,
    ]);
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }));
    expect(SecurityGroups).toEqual([]);
  });

  it('refuses an unknown group id', async () => {
    const err = await ec2Failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0000000000000000c'] })));
    expect([err.name, err.message]).toEqual(['InvalidGroup.NotFound', "The security group 'sg-0000000000000000c' does not exist"]);
  });
});

describe('AuthorizeSecurityGroupIngress / Egress and Revoke', () => {
  it('adds rules (one per peer, with ids) and shows them grouped by protocol and ports', async () => {
    const id = await group();
    const peer = await group();
    const { Return, SecurityGroupRules } = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: id,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 80,
            ToPort: 80,
            IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'office' }],
            UserIdGroupPairs: [{ GroupId: peer }],
          },
          { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    expect(Return).toBe(true);
    expect(
      SecurityGroupRules!.map((r) => [
        r.IsEgress,
        r.IpProtocol,
        r.FromPort,
        r.ToPort,
        r.CidrIpv4 ?? r.ReferencedGroupInfo?.GroupId,
        r.Description,
      ]),
    ).toEqual([
      [false, 'tcp', 80, 80, '10.0.0.0/8', 'office'],
      [false, 'tcp', 80, 80, peer, undefined],
      [false, 'icmp', 8, -1, '0.0.0.0/0', undefined],
    ]);
    expect(SecurityGroupRules![0]!.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    const g = await describeGroup(id);
    expect(g.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'office' }],
        UserIdGroupPairs: [{ UserId: '000000000000', GroupId: peer }],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
      {
        IpProtocol: 'icmp',
        FromPort: 8,
        ToPort: -1,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        UserIdGroupPairs: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ]);
    const { SecurityGroupRules: listed } = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }),
    );
    expect(listed!.map((r) => r.SecurityGroupRuleId).sort()).toEqual(
      [
        ...SecurityGroupRules!.map((r) => r.SecurityGroupRuleId),
        g.IpPermissionsEgress && listed!.find((r) => r.IsEgress)!.SecurityGroupRuleId,
      ].sort(),
    );
    const found = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [peer] }] }));
    expect(found.SecurityGroups!.map((x) => x.GroupId)).toEqual([id]);
  });

  it('refuses a rule the group has, naming it as EC2 does', async () => {
    const id = await group();
    const permission = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [permission] }));
    const err = await ec2Failure(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [permission] })));
    expect([err.name, err.message]).toEqual([
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists',
    ]);
    const egress = await ec2Failure(
      ec2.send(
        new AuthorizeSecurityGroupEgressCommand({
          GroupId: id,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
    expect([egress.name, egress.message]).toEqual([
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists',
    ]);
  });

  it('refuses TCP without ports, and an unknown group', async () => {
    const id = await group();
    const err = await ec2Failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: id,
          IpPermissions: [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
    expect([err.name, err.message]).toEqual([
      'InvalidParameterValue',
      'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.',
    ]);
    const missing = await ec2Failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: 'sg-0000000000000000d',
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
    expect(missing.name).toBe('InvalidGroup.NotFound');
  });

  it('refuses a peer group of another VPC', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16' }));
    const other = await group(uniqueName('other'), Vpc!.VpcId);
    const id = await group();
    const err = await ec2Failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: id,
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: other }] }],
        }),
      ),
    );
    expect([err.name, err.message]).toEqual([
      'InvalidGroup.NotFound',
      'You have specified two resources that belong to different networks.',
    ]);
  });

  it('revokes ingress by content and egress by rule id; a rule it does not have is InvalidPermission.NotFound', async () => {
    const id = await group();
    const permission = { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/16' }] };
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [permission] }));
    const revoked = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [permission] }));
    expect(revoked.Return).toBe(true);
    expect(revoked.RevokedSecurityGroupRules).toMatchObject([
      { IpProtocol: 'udp', FromPort: 53, CidrIpv4: '10.0.0.0/16', IsEgress: false },
    ]);
    const again = await ec2Failure(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [permission] })));
    expect([again.name, again.message]).toEqual([
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    ]);
    const { SecurityGroupRules } = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }));
    const egressRule = SecurityGroupRules!.find((r) => r.IsEgress)!;
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, SecurityGroupRuleIds: [egressRule.SecurityGroupRuleId!] }));
    expect((await describeGroup(id)).IpPermissionsEgress).toEqual([]);
  });
});

describe('DeleteSecurityGroup', () => {
  it('deletes a group, and refuses the default group and a group another group names', async () => {
    const a = await group();
    const b = await group();
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: a, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: b }] }] }),
    );
    const referenced = await ec2Failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: b })));
    expect([referenced.name, referenced.message]).toEqual(['DependencyViolation', `resource ${b} has a dependent object`]);
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: ['default'] },
          { Name: 'vpc-id', Values: [defaultVpcRecord.vpcId] },
        ],
      }),
    );
    const def = SecurityGroups![0]!.GroupId!;
    const protectedDefault = await ec2Failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: def })));
    expect([protectedDefault.name, protectedDefault.message]).toEqual([
      'CannotDelete',
      `the specified group: "${def}" name: "default" cannot be deleted by a user`,
    ]);
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: a }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: b }));
    expect((await ec2Failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [a] })))).name).toBe('InvalidGroup.NotFound');
  });

  it('refuses a group a task’s ENI uses (DependencyViolation)', async () => {
    const id = await group();
    const family = uniqueName('sgdel');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnets[0]!.subnetId], securityGroups: [id] } },
      }),
    );
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [tasks![0]!.taskArn!] });
    const err = await ec2Failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
    expect([err.name, err.message]).toEqual(['DependencyViolation', `resource ${id} has a dependent object`]);
  });
});

describe('rules of running tasks', () => {
  it('change at once when a group’s rules change, and when a member of a source group joins', async () => {
    const runtime = emu.runtime as FakeTaskRuntime;
    const server = await group();
    const client = await group();
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: server,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: client }] }],
      }),
    );
    const family = uniqueName('sgrun');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const run = async (groupId: string) => {
      const { tasks } = await emu.ecs.send(
        new RunTaskCommand({
          taskDefinition: family,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnets[1]!.subnetId], securityGroups: [groupId] } },
        }),
      );
      await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1 }, { tasks: [tasks![0]!.taskArn!] });
      return (await emu.ecs.send(new DescribeTasksCommand({ tasks: [tasks![0]!.taskArn!] }))).tasks![0]!;
    };
    const serverTask = await run(server);
    const pauseOf = (taskId: string) => emu.deps.store.read(scope, (s) => s.tasks[taskId]!.sandbox!.pauseContainerId);
    const serverPause = pauseOf(serverTask.taskArn!.split('/').pop()!);
    expect(runtime.firewalls.get(serverPause)!.ingress).toEqual([]);

    const clientTask = await run(client);
    const clientEni = clientTask.attachments![0]!.details!.find((d) => d.name === 'networkInterfaceId')!.value!;
    const clientMark = emu.deps.store.read(scope, (s) => s.networkInterfaces[clientEni]!.groupSetMark);
    expect(clientMark).toBeGreaterThan(0);
    await emu.tasks.networkIdle();
    // The client's packets carry its group set's mark; the server lets that mark in.
    expect(runtime.firewalls.get(serverPause)!.ingress).toEqual([
      { protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: [], marks: [clientMark] },
    ]);
    expect(runtime.firewalls.get(pauseOf(clientTask.taskArn!.split('/').pop()!))!.mark).toBe(clientMark);

    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: server,
        IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
      }),
    );
    await emu.tasks.networkIdle();
    expect(runtime.firewalls.get(serverPause)!.ingress.map((r) => r.protocol)).toEqual(['tcp', 'udp']);
  });
});
