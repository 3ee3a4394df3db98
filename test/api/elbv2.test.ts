// ELBv2 through @aws-sdk/client-elastic-load-balancing-v2: load balancers in the emulator's VPCs, target groups
// of IP targets, listeners and rules, targets and their health states, tags, attributes with AWS's defaults,
// and AWS's error codes and messages.
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeCapacityReservationCommand,
  SetSecurityGroupsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { defaultNetwork, elbv2Client } from '../support/elbv2.js';
import { ec2Client } from '../support/ec2.js';
import { CreateSecurityGroupCommand, type EC2Client } from '@aws-sdk/client-ec2';

let emu: TestEmulator;
let elb: ElasticLoadBalancingV2Client;
let net: { vpcId: string; subnets: string[] };
let ec2: EC2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  elb = elbv2Client(emu.endpoint);
  ec2 = ec2Client(emu.endpoint);
  net = await defaultNetwork(emu.endpoint);
});
afterAll(async () => {
  elb.destroy();
  ec2.destroy();
  await emu.close();
});

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (err) {
    return err as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('the call succeeded');
}

const name = (prefix: string) => uniqueName(prefix).slice(0, 32);

async function newLoadBalancer() {
  const { LoadBalancers } = await elb.send(new CreateLoadBalancerCommand({ Name: name('lb'), Subnets: net.subnets.slice(0, 2) }));
  return LoadBalancers![0]!;
}

async function newTargetGroup(overrides: Partial<ConstructorParameters<typeof CreateTargetGroupCommand>[0]> = {}) {
  const { TargetGroups } = await elb.send(
    new CreateTargetGroupCommand({ Name: name('tg'), TargetType: 'ip', Protocol: 'HTTP', Port: 8080, VpcId: net.vpcId, ...overrides }),
  );
  return TargetGroups![0]!;
}

describe('load balancers', () => {
  it('creates an active application load balancer in the subnets, with a DNS name that resolves to loopback', async () => {
    const lbName = name('web');
    const { LoadBalancers } = await elb.send(
      new CreateLoadBalancerCommand({ Name: lbName, Subnets: net.subnets.slice(0, 2), Tags: [{ Key: 'env', Value: 'test' }] }),
    );
    const lb = LoadBalancers![0]!;
    expect(lb).toMatchObject({
      LoadBalancerName: lbName,
      Scheme: 'internet-facing',
      Type: 'application',
      VpcId: net.vpcId,
      State: { Code: 'active' },
      IpAddressType: 'ipv4',
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    });
    expect(lb.LoadBalancerArn).toMatch(
      new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/${lbName}/[0-9a-f]{16}$`),
    );
    expect(lb.DNSName).toMatch(new RegExp(`^${lbName}-\\d{10}\\.us-east-1\\.elb\\.localhost$`));
    expect(lb.AvailabilityZones!.map((z) => z.SubnetId).sort()).toEqual(net.subnets.slice(0, 2));
    expect(lb.SecurityGroups).toHaveLength(1);
    expect(lb.CreatedTime).toBeInstanceOf(Date);

    const byName = await elb.send(new DescribeLoadBalancersCommand({ Names: [lbName] }));
    expect(byName.LoadBalancers).toEqual([lb]);
    const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!] }));
    expect(tags.TagDescriptions).toEqual([{ ResourceArn: lb.LoadBalancerArn, Tags: [{ Key: 'env', Value: 'test' }] }]);
  });

  it('gives internal load balancers an internal- DNS name, and answers the same create again with the same one', async () => {
    const lbName = name('int');
    const input = { Name: lbName, Scheme: 'internal' as const, Subnets: net.subnets.slice(0, 2) };
    const first = (await elb.send(new CreateLoadBalancerCommand(input))).LoadBalancers![0]!;
    expect(first.DNSName).toMatch(/^internal-/);
    const again = (await elb.send(new CreateLoadBalancerCommand(input))).LoadBalancers![0]!;
    expect(again.LoadBalancerArn).toBe(first.LoadBalancerArn);
    const clash = await failure(elb.send(new CreateLoadBalancerCommand({ ...input, Scheme: 'internet-facing' })));
    expect(clash).toMatchObject({
      name: 'DuplicateLoadBalancerNameException',
      message: `A load balancer with the same name '${lbName}' exists, but with different settings`,
    });
  });

  it('refuses bad names, one zone, unknown subnets and security groups of another VPC', async () => {
    expect(await failure(elb.send(new CreateLoadBalancerCommand({ Name: 'internal-x', Subnets: net.subnets.slice(0, 2) })))).toMatchObject({
      name: 'ValidationError',
      message: "The load balancer name 'internal-x' cannot begin with 'internal-'",
      $metadata: { httpStatusCode: 400 },
    });
    expect(await failure(elb.send(new CreateLoadBalancerCommand({ Name: name('one'), Subnets: net.subnets.slice(0, 1) })))).toMatchObject({
      name: 'ValidationError',
      message: 'At least two subnets in two different Availability Zones must be specified',
    });
    expect(
      await failure(elb.send(new CreateLoadBalancerCommand({ Name: name('x'), Subnets: ['subnet-0123456789abcdef0', net.subnets[0]!] }))),
    ).toMatchObject({
      name: 'SubnetNotFoundException',
    });
    expect(
      await failure(
        elb.send(
          new CreateLoadBalancerCommand({ Name: name('x'), Subnets: net.subnets.slice(0, 2), SecurityGroups: ['sg-0123456789abcdef0'] }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidSecurityGroupException' });
    expect(await failure(elb.send(new CreateLoadBalancerCommand({ Subnets: net.subnets } as never)))).toMatchObject({
      name: 'ValidationError',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('lists the attributes with AWS defaults, changes them, and keeps deletion-protected ones', async () => {
    const lb = await newLoadBalancer();
    const arn = lb.LoadBalancerArn!;
    const { Attributes } = await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
    const attrs = Object.fromEntries(Attributes!.map((a) => [a.Key, a.Value]));
    expect(attrs).toMatchObject({
      'idle_timeout.timeout_seconds': '60',
      'deletion_protection.enabled': 'false',
      'routing.http2.enabled': 'true',
    });
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: arn,
        Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }],
      }),
    );
    expect(await failure(elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })))).toMatchObject({
      name: 'OperationNotPermittedException',
    });
    expect(
      await failure(elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'nope', Value: '1' }] }))),
    ).toMatchObject({ name: 'ValidationError', message: "Load balancer attribute key 'nope' is not recognized" });
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: arn,
        Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }],
      }),
    );
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name('lbgroup'), Description: 'lb', VpcId: net.vpcId }));
    expect((await elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [GroupId!] }))).SecurityGroupIds).toEqual([
      GroupId,
    ]);
    expect((await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!.SecurityGroups).toEqual([
      GroupId,
    ]);
    expect(await elb.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: arn }))).toMatchObject({
      CapacityReservationState: [],
    });
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    expect(await failure(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })))).toMatchObject({
      name: 'LoadBalancerNotFoundException',
      message: 'One or more load balancers not found',
    });
    // Deleting what is already gone is fine, as on AWS.
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
  });
});

describe('target groups', () => {
  it('creates an IP target group with the default health check and attributes', async () => {
    const tg = await newTargetGroup();
    expect(tg).toMatchObject({
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: net.vpcId,
      TargetType: 'ip',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckPath: '/',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    });
    expect(tg.TargetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup\/tg-[\w-]+\/[0-9a-f]{16}$/);
    const { Attributes } = await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(Object.fromEntries(Attributes!.map((a) => [a.Key, a.Value]))).toMatchObject({
      'deregistration_delay.timeout_seconds': '300',
      'slow_start.duration_seconds': '0',
      'stickiness.enabled': 'false',
      'load_balancing.algorithm.type': 'round_robin',
    });
  });

  it('modifies the health check and the attributes, within AWS ranges', async () => {
    const tg = await newTargetGroup();
    const arn = tg.TargetGroupArn!;
    const { TargetGroups } = await elb.send(
      new ModifyTargetGroupCommand({
        TargetGroupArn: arn,
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        Matcher: { HttpCode: '200-299' },
      }),
    );
    expect(TargetGroups![0]).toMatchObject({
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 5,
      HealthCheckTimeoutSeconds: 2,
      Matcher: { HttpCode: '200-299' },
    });
    expect(await failure(elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: arn, HealthCheckIntervalSeconds: 1 })))).toMatchObject({
      name: 'ValidationError',
    });
    const { Attributes } = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: '5' },
          { Key: 'slow_start.duration_seconds', Value: '30' },
        ],
      }),
    );
    expect(Attributes!.find((a) => a.Key === 'deregistration_delay.timeout_seconds')?.Value).toBe('5');
    expect(
      await failure(
        elb.send(
          new ModifyTargetGroupAttributesCommand({
            TargetGroupArn: arn,
            Attributes: [{ Key: 'slow_start.duration_seconds', Value: '10' }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationError' });
  });

  it('refuses duplicates with other settings, other target types, and unknown ARNs', async () => {
    const tg = await newTargetGroup();
    expect(await failure(newTargetGroup({ Name: tg.TargetGroupName, Port: 9090 }))).toMatchObject({
      name: 'DuplicateTargetGroupNameException',
      message: `A target group with the same name '${tg.TargetGroupName}' exists, but with different settings`,
    });
    expect((await newTargetGroup({ Name: tg.TargetGroupName })).TargetGroupArn).toBe(tg.TargetGroupArn);
    expect(await failure(newTargetGroup({ TargetType: 'instance' }))).toMatchObject({ name: 'ValidationError' });
    expect(
      await failure(
        elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [`${tg.TargetGroupArn!.slice(0, -16)}0000000000000000`] })),
      ),
    ).toMatchObject({ name: 'TargetGroupNotFoundException', message: 'One or more target groups not found' });
  });

  it('pages with PageSize and Marker, and a marker survives groups created and deleted before it', async () => {
    const made = [await newTargetGroup(), await newTargetGroup(), await newTargetGroup()];
    const arns = async (input: { PageSize?: number; Marker?: string } = {}) => {
      const out = await elb.send(new DescribeTargetGroupsCommand(input));
      return { arns: out.TargetGroups!.map((t) => t.TargetGroupArn!), next: out.NextMarker };
    };
    const all = (await arns()).arns;
    expect(all).toEqual(expect.arrayContaining(made.map((t) => t.TargetGroupArn!)));
    const paged: string[] = [];
    let marker: string | undefined;
    do {
      const page = await arns({ PageSize: 2, ...(marker ? { Marker: marker } : {}) });
      expect(page.arns.length).toBeLessThanOrEqual(2);
      paged.push(...page.arns);
      marker = page.next;
    } while (marker);
    expect(paged).toEqual(all);

    const first = await arns({ PageSize: 2 });
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: first.arns[0]! }));
    const added = await newTargetGroup();
    const rest = await arns({ Marker: first.next! });
    expect(rest.arns).toEqual([...all.slice(2), added.TargetGroupArn!]);
    expect(rest.next).toBeUndefined();

    expect(await failure(arns({ Marker: 'not-a-marker' }))).toMatchObject({
      name: 'ValidationError',
      message: "Invalid marker 'not-a-marker'",
    });
    expect(await failure(arns({ PageSize: 401 }))).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '401' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400",
    });
  });
});

describe('listeners and rules', () => {
  it('creates a listener forwarding to a group, lists it, and ties the group to the load balancer', async () => {
    const lb = await newLoadBalancer();
    const tg = await newTargetGroup();
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 18080,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      }),
    );
    const listener = Listeners![0]!;
    expect(listener).toMatchObject({
      LoadBalancerArn: lb.LoadBalancerArn,
      Port: 18080,
      Protocol: 'HTTP',
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn: tg.TargetGroupArn,
          Order: 1,
          ForwardConfig: {
            TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 1 }],
            TargetGroupStickinessConfig: { Enabled: false },
          },
        },
      ],
    });
    expect(listener.ListenerArn).toMatch(/:listener\/app\/lb-[\w-]+\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(TargetGroups!.map((t) => [t.TargetGroupArn, t.LoadBalancerArns])).toEqual([[tg.TargetGroupArn, [lb.LoadBalancerArn]]]);
    expect((await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners).toEqual([listener]);

    expect(
      await failure(
        elb.send(
          new CreateListenerCommand({
            LoadBalancerArn: lb.LoadBalancerArn,
            Port: 18080,
            DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'DuplicateListenerException' });
    expect(await failure(elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn })))).toMatchObject({
      name: 'ResourceInUseException',
      message: `Target group '${tg.TargetGroupArn}' is currently in use by a listener or a rule`,
    });
    const other = await newLoadBalancer();
    expect(
      await failure(
        elb.send(
          new CreateListenerCommand({
            LoadBalancerArn: other.LoadBalancerArn,
            Port: 80,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'TargetGroupAssociationLimitException' });

    const modified = await elb.send(
      new ModifyListenerCommand({
        ListenerArn: listener.ListenerArn,
        DefaultActions: [
          { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' } },
        ],
      }),
    );
    expect(modified.Listeners![0]!.DefaultActions).toEqual([
      { Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' } },
    ]);
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn }));
    await elb.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    expect(await failure(elb.send(new DescribeListenersCommand({ ListenerArns: [listener.ListenerArn!] })))).toMatchObject({
      name: 'ListenerNotFoundException',
    });
  });

  it('keeps rules by priority with their conditions, a default rule, and weighted forwards', async () => {
    const lb = await newLoadBalancer();
    const blue = await newTargetGroup();
    const green = await newTargetGroup();
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 18081,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      }),
    );
    const listenerArn = Listeners![0]!.ListenerArn!;
    const api = await elb.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: 10,
        Conditions: [
          { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['blue'] } },
        ],
        Actions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
                { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
              ],
            },
          },
        ],
      }),
    );
    const rule = api.Rules![0]!;
    expect(rule).toMatchObject({
      Priority: '10',
      IsDefault: false,
      Conditions: [
        { Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['blue'] } },
      ],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
              { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
            ],
          },
        },
      ],
    });
    expect(rule.Actions![0]!.TargetGroupArn).toBeUndefined();
    const second = await elb.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: 5,
        Conditions: [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } }],
        Actions: [{ Type: 'redirect', RedirectConfig: { Path: '/v2/#{path}', StatusCode: 'HTTP_302' } }],
      }),
    );
    expect(
      await failure(
        elb.send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: 5,
            Conditions: [{ Field: 'host-header', Values: ['a.example'] }],
            Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'PriorityInUseException', message: "Priority '5' is currently in use" });

    const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    expect(Rules!.map((r) => [r.Priority, r.IsDefault])).toEqual([
      ['5', false],
      ['10', false],
      ['default', true],
    ]);
    const defaultRule = Rules![2]!;
    expect(defaultRule.Conditions).toEqual([]);
    expect(await failure(elb.send(new DeleteRuleCommand({ RuleArn: defaultRule.RuleArn })))).toMatchObject({
      name: 'OperationNotPermittedException',
    });

    await elb.send(
      new SetRulePrioritiesCommand({
        RulePriorities: [
          { RuleArn: rule.RuleArn, Priority: 5 },
          { RuleArn: second.Rules![0]!.RuleArn, Priority: 20 },
        ],
      }),
    );
    const reordered = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    expect(reordered.Rules!.map((r) => r.RuleArn)).toEqual([rule.RuleArn, second.Rules![0]!.RuleArn, defaultRule.RuleArn]);
    const changed = await elb.send(
      new ModifyRuleCommand({
        RuleArn: rule.RuleArn,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }],
      }),
    );
    expect(changed.Rules![0]!.Conditions).toEqual([
      { Field: 'host-header', Values: ['api.example.com'], HostHeaderConfig: { Values: ['api.example.com'] } },
    ]);
    await elb.send(new DeleteRuleCommand({ RuleArn: rule.RuleArn }));
    expect(await failure(elb.send(new DescribeRulesCommand({ RuleArns: [rule.RuleArn!] })))).toMatchObject({
      name: 'RuleNotFoundException',
      message: 'One or more rules not found',
    });
  });
});

describe('targets', () => {
  it('registers IP targets of the VPC, reports their health, and drains them on deregistration', async () => {
    const tg = await newTargetGroup();
    const arn = tg.TargetGroupArn!;
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '172.31.0.10' }, { Id: '172.31.16.10', Port: 9000 }] }),
    );
    const unused = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(unused.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: '172.31.0.10', Port: 8080, AvailabilityZone: 'us-east-1a' },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'unused',
          Reason: 'Target.NotInUse',
          Description: 'Target group is not configured to receive traffic from the load balancer',
        },
      },
      expect.objectContaining({ Target: expect.objectContaining({ Id: '172.31.16.10', Port: 9000 }) }),
    ]);
    const lb = await newLoadBalancer();
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 18082,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
      }),
    );
    const initial = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: '172.31.0.10' }, { Id: '172.31.0.99' }] }),
    );
    expect(initial.TargetHealthDescriptions!.map((d) => d.TargetHealth)).toEqual([
      {
        State: 'initial',
        Reason: expect.stringMatching(/^Elb\.(RegistrationInProgress|InitialHealthChecking)$/),
        Description: expect.any(String),
      },
      { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
    ]);
    await elb.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '172.31.0.10' }] }));
    const draining = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: '172.31.0.10' }] }));
    expect(draining.TargetHealthDescriptions![0]!.TargetHealth).toEqual({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    });
    expect(await failure(elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '8.8.8.8' }] })))).toMatchObject({
      name: 'InvalidTargetException',
    });
    expect(await failure(elb.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '172.31.0.77' }] })))).toMatchObject({
      name: 'InvalidTargetException',
    });
  });
});

describe('tags', () => {
  it('adds, lists and removes tags on every kind of resource', async () => {
    const tg = await newTargetGroup();
    const lb = await newLoadBalancer();
    const arns = [tg.TargetGroupArn!, lb.LoadBalancerArn!];
    await elb.send(
      new AddTagsCommand({
        ResourceArns: arns,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await elb.send(new RemoveTagsCommand({ ResourceArns: arns, TagKeys: ['a'] }));
    const { TagDescriptions } = await elb.send(new DescribeTagsCommand({ ResourceArns: arns }));
    expect(TagDescriptions).toEqual(arns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'b', Value: '2' }] })));
    expect(await failure(elb.send(new AddTagsCommand({ ResourceArns: arns, Tags: [{ Key: 'x' }, { Key: 'x' }] })))).toMatchObject({
      name: 'DuplicateTagKeysException',
    });
  });
});

describe('protocol', () => {
  it('answers an unknown action with InvalidAction in the awsQuery error shape', async () => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeNothing&Version=2015-12-01',
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(
      '<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>InvalidAction</Code>',
    );
    expect(body).toContain('Could not find operation DescribeNothing for version 2015-12-01');
  });
});
