// Services connecting to ECS gateways through the SDK: the first service with a gateway connector in an associated
// cluster brings the gateway's load balancer, security group and listener into the ELBv2 and EC2 state; each
// connection is a route with a host name, a target group and a host-header rule; the service's tasks register in
// the route's target group; removing the connector, deleting the service or disassociating the cluster removes the
// routes, and the last one takes the load balancer with it. On the in-memory runtime.
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  AssociateGatewayWithClusterCommand,
  CreateClusterCommand,
  CreateGatewayCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteServiceCommand,
  DescribeGatewayCommand,
  DescribeGatewayResourcesCommand,
  DescribeGatewayRouteCommand,
  DescribeServiceRevisionsCommand,
  DisassociateGatewayFromClusterCommand,
  ListGatewayRoutesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateGatewayCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ec2Client } from '../support/ec2.js';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { elbv2Client } from '../support/elbv2.js';
import { startTestEmulator } from '../support/emulator.js';
import { eventually } from '../support/services.js';

let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  // Every target answers its health check (the in-memory runtime runs no HTTP server).
  emu = await startTestEmulator({}, { healthProbe: async () => ({ ok: true }) });
});
afterAll(() => emu.close());
/** The ELBv2 and EC2 clients setUp opened, closed after each test. */
const opened: { destroy(): void }[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
});

const infrastructureRoleArn = 'arn:aws:iam::000000000000:role/ecsGatewayInfrastructureRole';

async function setUp(accountId: string, options: { scheme?: 'internal' | 'internet-facing' } = {}) {
  const ecs = emu.client({ accountId });
  await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
  await ecs.send(
    new CreateGatewayCommand({
      name: 'edge',
      infrastructureRoleArn,
      deletionProtection: false,
      configuration: { hostSharedAlb: { ...(options.scheme ? { scheme: options.scheme } : {}) } },
      tags: [{ key: 'team', value: 'platform' }],
    }),
  );
  await ecs.send(new AssociateGatewayWithClusterCommand({ gateway: 'edge', cluster: 'apps' }));
  for (const family of ['web', 'api']) {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'nginx:1.27', portMappings: [{ containerPort: 8080, name: 'http' }] }],
      }),
    );
  }
  const elb = elbv2Client(emu.endpoint, { accountId });
  const ec2 = ec2Client(emu.endpoint, { accountId });
  opened.push(elb, ec2);
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({}));
  const networkConfiguration = { awsvpcConfiguration: { subnets: Subnets!.slice(0, 2).map((s) => s.SubnetId!) } };
  /** A Fargate service of the `web` task definition in `apps`, in the first two subnets, unless `input` says otherwise. */
  const createService = (input: Partial<CreateServiceCommandInput> & { serviceName: string }) =>
    ecs.send(new CreateServiceCommand({ cluster: 'apps', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration, ...input }));
  return { ecs, elb, ec2, networkConfiguration, createService };
}

describe('gateway routes', () => {
  it('creates the gateway infrastructure with the first route, registers the tasks, and removes it with the last', {
    timeout: 120_000,
  }, async () => {
    const accountId = uniqueAccountId();
    const { ecs, elb, ec2, createService } = await setUp(accountId);
    const groupsBefore = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId).sort();
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    await createService({
      serviceName: 'web',
      desiredCount: 2,
      gatewayConnectors: [{ portName: 'http', healthCheck: { healthCheckPath: '/health', healthCheckIntervalSeconds: 10 } }],
    });
    const gatewayArn = `arn:aws:ecs:us-east-1:${accountId}:gateway/edge`;
    const serviceArn = `arn:aws:ecs:us-east-1:${accountId}:service/apps/web`;
    const { gatewayRoutes } = await ecs.send(new ListGatewayRoutesCommand({ gateway: 'edge' }));
    expect(gatewayRoutes).toEqual([
      {
        gatewayRouteArn: expect.stringMatching(new RegExp(`^arn:aws:ecs:us-east-1:${accountId}:gateway-route/edge/[0-9a-f]{32}$`)),
        gatewayArn,
        clusterArn: `arn:aws:ecs:us-east-1:${accountId}:cluster/apps`,
        serviceArn,
        serviceContainerPortName: 'http',
        status: 'ACTIVE',
      },
    ]);
    const routeArn = gatewayRoutes![0]!.gatewayRouteArn!;
    const { gatewayRoute } = await ecs.send(new DescribeGatewayRouteCommand({ gatewayRouteArn: routeArn }));
    expect(gatewayRoute).toMatchObject({
      gatewayRouteArn: routeArn,
      serviceArn,
      serviceContainerPortName: 'http',
      status: 'ACTIVE',
      serviceUrl: expect.stringMatching(/^https:\/\/web-[0-9a-f]{8}\.ecs\.us-east-1\.on\.aws$/),
    });
    const routeAlb = gatewayRoute!.resources!.hostSharedAlb![0]!;
    const host = new URL(gatewayRoute!.serviceUrl!).host;

    // The service revision carries the connector, and the connection the gateway made for it.
    const { serviceDeployments } = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'web' }));
    const revisionArn = serviceDeployments![0]!.targetServiceRevisionArn!;
    const [revision] = (await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }))).serviceRevisions!;
    expect(revision!.gatewayConnectors).toEqual([
      { portName: 'http', healthCheck: { healthCheckPath: '/health', healthCheckIntervalSeconds: 10 } },
    ]);
    expect(revision!.ecsManagedResources?.gatewayConnections).toEqual([
      {
        gatewayArn,
        gatewayRouteArn: routeArn,
        portName: 'http',
        serviceUrl: gatewayRoute!.serviceUrl,
        accessType: 'PUBLIC',
        status: 'ACTIVE',
        resources: {
          hostSharedAlb: [
            {
              loadBalancerArn: routeAlb.loadBalancerArn,
              loadBalancerSecurityGroupArns: [routeAlb.loadBalancerSecurityGroups![0]!.arn],
              listenerArn: routeAlb.listenerArn,
              listenerRuleArn: routeAlb.listenerRuleArn,
              targetGroupArn: expect.stringContaining(':targetgroup/ecs-gateway-tg-'),
            },
          ],
        },
      },
    ]);

    // The gateway's load balancer: its security group, an HTTP listener (AWS: HTTPS on 443), tagged.
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers).toHaveLength(1);
    const lb = LoadBalancers![0]!;
    expect(lb).toMatchObject({ LoadBalancerArn: routeAlb.loadBalancerArn, Scheme: 'internet-facing', Type: 'application' });
    expect(lb.LoadBalancerName).toMatch(/^ecs-gateway-alb-[0-9a-f]{8}$/);
    const resources = await ecs.send(new DescribeGatewayResourcesCommand({ gateway: 'edge' }));
    expect(resources.gatewayResources).toEqual({
      gatewayArn,
      resources: {
        hostSharedAlb: [
          {
            loadBalancerArn: lb.LoadBalancerArn,
            listenerArn: routeAlb.listenerArn,
            securityGroup: lb.SecurityGroups![0],
            gatewayRouteArns: [routeArn],
          },
        ],
      },
    });
    expect((await ecs.send(new DescribeGatewayCommand({ gateway: 'edge' }))).gateway?.configuration?.hostSharedAlb?.currentAlbCount).toBe(
      1,
    );
    const { Listeners } = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(Listeners).toMatchObject([{ ListenerArn: routeAlb.listenerArn, Port: 80, Protocol: 'HTTP' }]);
    const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: routeAlb.listenerArn }));
    const rule = Rules!.find((r) => r.RuleArn === routeAlb.listenerRuleArn)!;
    expect(rule.Conditions).toMatchObject([{ Field: 'host-header', HostHeaderConfig: { Values: [host] } }]);
    const targetGroupArn = rule.Actions![0]!.TargetGroupArn ?? rule.Actions![0]!.ForwardConfig!.TargetGroups![0]!.TargetGroupArn!;
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }));
    expect(TargetGroups![0]).toMatchObject({ Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 10 });
    const { TagDescriptions } = await elb.send(new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!, targetGroupArn] }));
    for (const d of TagDescriptions!) {
      expect(d.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'AmazonECSManaged', Value: 'true' },
          { Key: 'team', Value: 'platform' },
        ]),
      );
    }
    const attrs = await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(attrs.Attributes).toContainEqual({ Key: 'deletion_protection.enabled', Value: 'false' });

    // The service's security group lets the load balancer's group in on the container port.
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({}));
    const lbGroup = SecurityGroups!.find((g) => g.GroupId === lb.SecurityGroups![0])!;
    expect(lbGroup.IpPermissions).toMatchObject([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const serviceGroupId = routeAlb.serviceSecurityGroupArn!.split('/').pop()!;
    const serviceGroup = SecurityGroups!.find((g) => g.GroupId === serviceGroupId)!;
    expect(serviceGroup.IpPermissions).toContainEqual(
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        UserIdGroupPairs: [expect.objectContaining({ GroupId: lbGroup.GroupId })],
      }),
    );

    // The service's tasks register in the route's target group, as with loadBalancers.
    await eventually(
      async () =>
        (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }))).TargetHealthDescriptions?.length === 2,
      60_000,
      'two targets',
    );

    // A second service shares the load balancer with its own host name and target group.
    await createService({ serviceName: 'api', taskDefinition: 'api', desiredCount: 1, gatewayConnectors: [{ portName: 'http' }] });
    const both = (await ecs.send(new ListGatewayRoutesCommand({ cluster: 'apps' }))).gatewayRoutes!;
    expect(both).toHaveLength(2);
    expect((await ecs.send(new ListGatewayRoutesCommand({ service: 'api' }))).gatewayRoutes).toHaveLength(1);
    expect((await ecs.send(new ListGatewayRoutesCommand({ serviceContainerPortName: 'grpc' }))).gatewayRoutes).toEqual([]);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
    expect((await elb.send(new DescribeRulesCommand({ ListenerArn: routeAlb.listenerArn }))).Rules).toHaveLength(3);

    // Removing the connector removes the route and its rule and target group; the load balancer stays for api.
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'web', gatewayConnectors: [] }));
    await expectEcsError(ecs.send(new DescribeGatewayRouteCommand({ gatewayRouteArn: routeArn })), 'ResourceNotFoundException');
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toHaveLength(1);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);

    // Deleting the last connected service removes the rest, and nothing else.
    await ecs.send(new DeleteServiceCommand({ cluster: 'apps', service: 'api', force: true }));
    expect((await ecs.send(new ListGatewayRoutesCommand({}))).gatewayRoutes).toEqual([]);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toEqual([]);
    const after = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
    expect(after.map((g) => g.GroupId).sort()).toEqual(groupsBefore);
    expect(after.find((g) => g.GroupId === serviceGroupId)!.IpPermissions).toEqual(
      SecurityGroups!.find((g) => g.GroupId === serviceGroupId)!.IpPermissions!.filter((p) => p.FromPort !== 8080),
    );
    expect((await ecs.send(new DescribeGatewayResourcesCommand({ gateway: 'edge' }))).gatewayResources?.resources).toEqual({
      hostSharedAlb: [],
    });
  });

  it('puts an inbound security group given by UpdateGateway on the load balancer it already made', { timeout: 60_000 }, async () => {
    const accountId = uniqueAccountId();
    const { ecs, elb, ec2, createService } = await setUp(accountId);
    await createService({ serviceName: 'web', gatewayConnectors: [{ portName: 'http' }] });
    const [lb] = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!;
    const gatewayGroup = lb!.SecurityGroups![0]!;
    const { GroupId: inbound } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'edge-clients', Description: 'who may call the gateway', VpcId: lb!.VpcId }),
    );

    await ecs.send(
      new UpdateGatewayCommand({
        gateway: 'edge',
        configuration: { hostSharedAlb: { networkConfiguration: { inboundSecurityGroup: inbound } } },
      }),
    );
    const [after] = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!;
    expect(after!.SecurityGroups).toEqual([inbound, gatewayGroup]);
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [gatewayGroup] }));
    expect(SecurityGroups![0]!.IpPermissions).toEqual([]);
    const [route] = (await ecs.send(new ListGatewayRoutesCommand({ gateway: 'edge' }))).gatewayRoutes!;
    const { gatewayRoute } = await ecs.send(new DescribeGatewayRouteCommand({ gatewayRouteArn: route!.gatewayRouteArn }));
    expect(gatewayRoute!.resources!.hostSharedAlb![0]!.loadBalancerSecurityGroups).toEqual([
      { arn: expect.stringContaining(`:security-group/${gatewayGroup}`), ruleArns: [] },
    ]);
    const { gateway } = await ecs.send(new DescribeGatewayCommand({ gateway: 'edge' }));
    expect(gateway!.configuration!.hostSharedAlb!.networkConfiguration).toMatchObject({ inboundSecurityGroup: inbound });
  });

  it('connects through UpdateService and disconnects when the cluster is disassociated', { timeout: 60_000 }, async () => {
    const accountId = uniqueAccountId();
    const { ecs, elb, createService } = await setUp(accountId);
    await createService({ serviceName: 'web', desiredCount: 0 });
    expect((await ecs.send(new ListGatewayRoutesCommand({}))).gatewayRoutes).toEqual([]);
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'web', gatewayConnectors: [{ portName: 'http' }] }));
    expect(
      (await ecs.send(new ListGatewayRoutesCommand({ service: `arn:aws:ecs:us-east-1:${accountId}:service/apps/web` }))).gatewayRoutes,
    ).toHaveLength(1);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);

    const dis = await ecs.send(new DisassociateGatewayFromClusterCommand({ gateway: 'edge', cluster: 'apps' }));
    expect(dis.status).toBe('DISASSOCIATING');
    expect((await ecs.send(new ListGatewayRoutesCommand({}))).gatewayRoutes).toEqual([]);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toEqual([]);
    // With no gateway left on the cluster, a connector is refused.
    await expectEcsError(
      ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'web', gatewayConnectors: [{ portName: 'http' }] })),
      'InvalidParameterException',
      /gatewayConnectors were specified but no gateways are associated with cluster apps/,
    );
  });

  it('answers AWS errors for connectors no gateway can take', async () => {
    const accountId = uniqueAccountId();
    const { ecs, createService } = await setUp(accountId, { scheme: 'internal' });
    const create = (serviceName: string, extra: Partial<CreateServiceCommandInput>) =>
      createService({ serviceName, desiredCount: 0, ...extra });
    await expectEcsError(
      create('a', { gatewayConnectors: [{ portName: 'http' }, { portName: 'http' }] }),
      'InvalidParameterException',
      /at most one/,
    );
    await expectEcsError(create('b', { gatewayConnectors: [{ portName: 'grpc' }] }), 'InvalidParameterException', /grpc/);
    await expectEcsError(
      create('c', { gatewayConnectors: [{ portName: 'http', filters: { accessTypes: ['PUBLIC'] } }] }),
      'InvalidParameterException',
      /access types/,
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'lonely' }));
    await expectEcsError(
      createService({ cluster: 'lonely', serviceName: 'd', gatewayConnectors: [{ portName: 'http' }] }),
      'InvalidParameterException',
      /no gateways are associated with cluster lonely/,
    );
    // A refused connector leaves no service behind, and a private gateway takes a connector with PRIVATE.
    await create('c', { gatewayConnectors: [{ portName: 'http', filters: { accessTypes: ['PRIVATE'] } }] });
    expect((await ecs.send(new ListGatewayRoutesCommand({ gateway: 'edge' }))).gatewayRoutes).toHaveLength(1);
    await expectEcsError(ecs.send(new ListGatewayRoutesCommand({ gateway: 'nope' })), 'ResourceNotFoundException');
  });
});
