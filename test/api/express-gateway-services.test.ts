// ECS Express Mode through the SDK: CreateExpressGatewayService gives an ECS service on Fargate plus the ELBv2 and
// EC2 resources AWS creates for it (visible through those APIs, tagged); update rolls out a new task definition;
// delete removes exactly what was created. On the in-memory runtime.
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  UpdateExpressGatewayServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2Client } from '../support/ec2.js';
import { elbv2Client } from '../support/elbv2.js';
import { startTestEmulator } from '../support/emulator.js';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { eventually } from '../support/services.js';

let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  // Every target answers its health check (the in-memory runtime runs no HTTP server).
  emu = await startTestEmulator({}, { healthProbe: async () => ({ ok: true }) });
});
afterAll(() => emu.close());

const infrastructureRoleArn = 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForExpressServices';

describe('Express Mode', () => {
  it('creates the service and its load balancing, updates it, and deletes exactly what it created', { timeout: 120_000 }, async () => {
    const accountId = uniqueAccountId();
    const ecs = emu.client({ accountId });
    const elb = elbv2Client(emu.endpoint, { accountId });
    const ec2 = ec2Client(emu.endpoint, { accountId });
    try {
      const groupsBefore = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId).sort();
      const { service } = await ecs.send(
        new CreateExpressGatewayServiceCommand({
          serviceName: 'web',
          infrastructureRoleArn,
          primaryContainer: { image: 'nginx:1.27', containerPort: 8080 },
          healthCheckPath: '/health',
          scalingTarget: { minTaskCount: 2, maxTaskCount: 4 },
          tags: [{ key: 'team', value: 'a' }],
        }),
      );
      const serviceArn = `arn:aws:ecs:us-east-1:${accountId}:service/default/web`;
      expect(service).toMatchObject({
        serviceArn,
        serviceName: 'web',
        cluster: `arn:aws:ecs:us-east-1:${accountId}:cluster/default`,
        infrastructureRoleArn,
        status: { statusCode: 'ACTIVE' },
        currentDeployment: expect.stringContaining(':service-deployment/default/web/'),
        tags: [{ key: 'team', value: 'a' }],
        activeConfigurations: [
          {
            cpu: '1024',
            memory: '2048',
            healthCheckPath: '/health',
            primaryContainer: { image: 'nginx:1.27', containerPort: 8080 },
            scalingTarget: { minTaskCount: 2, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
            ingressPaths: [
              { accessType: 'PUBLIC', endpoint: expect.stringMatching(/^https:\/\/web-[0-9a-f]{8}\.ecs\.us-east-1\.on\.aws$/) },
            ],
            serviceRevisionArn: expect.stringContaining(':service-revision/default/web/'),
          },
        ],
      });
      const config = service!.activeConfigurations![0]!;
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: config.taskDefinitionArn }));
      expect(taskDefinition).toMatchObject({
        family: 'web',
        cpu: '1024',
        memory: '2048',
        containerDefinitions: [{ name: 'Main', image: 'nginx:1.27', portMappings: [{ containerPort: 8080 }] }],
      });

      // The ECS service runs minTaskCount tasks behind the target group.
      await waitUntilServicesStable({ client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { cluster: 'default', services: ['web'] });
      const ecsService = (await ecs.send(new DescribeServicesCommand({ cluster: 'default', services: ['web'] }))).services![0]!;
      expect(ecsService).toMatchObject({ desiredCount: 2, runningCount: 2, launchType: 'FARGATE' });
      const targetGroupArn = ecsService.loadBalancers![0]!.targetGroupArn!;
      expect(ecsService.loadBalancers).toEqual([{ targetGroupArn, containerName: 'Main', containerPort: 8080 }]);

      // ELBv2: a load balancer with a listener, a host-header rule forwarding to the target group, all tagged.
      const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }));
      expect(TargetGroups![0]).toMatchObject({ Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', Protocol: 'HTTP' });
      const lbArn = TargetGroups![0]!.LoadBalancerArns![0]!;
      const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }));
      expect(LoadBalancers![0]!.LoadBalancerName).toMatch(/^ecs-express-gateway-alb-[0-9a-f]{8}$/);
      const { Listeners } = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
      const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: Listeners![0]!.ListenerArn }));
      const rule = Rules!.find((r) => !r.IsDefault)!;
      expect(rule.Conditions?.[0]).toMatchObject({
        Field: 'host-header',
        HostHeaderConfig: { Values: [new URL(config.ingressPaths![0]!.endpoint!).host] },
      });
      const { TagDescriptions } = await elb.send(new DescribeTagsCommand({ ResourceArns: [lbArn, targetGroupArn] }));
      for (const d of TagDescriptions!) expect(d.Tags).toEqual(expect.arrayContaining([{ Key: 'AmazonECSManaged', Value: 'true' }]));
      const groupsDuring = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
      const created = groupsDuring.filter((g) => !groupsBefore.includes(g.GroupId));
      expect(created.map((g) => g.GroupName).sort()).toEqual([
        expect.stringMatching(/^ecs-express-gateway-alb-/),
        expect.stringMatching(/^ecs-express-gateway-service-/),
      ]);

      // Quicker health checks and no deregistration delay, so the rollout below takes seconds, not minutes.
      await elb.send(
        new ModifyTargetGroupCommand({
          TargetGroupArn: targetGroupArn,
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      );
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: targetGroupArn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
        }),
      );

      // Update: a new image is a new task definition revision rolled out by the service.
      const updated = await ecs.send(
        new UpdateExpressGatewayServiceCommand({ serviceArn, primaryContainer: { image: 'nginx:1.28' }, healthCheckPath: '/ready' }),
      );
      expect(updated.service?.targetConfiguration).toMatchObject({
        taskDefinitionArn: expect.stringMatching(/task-definition\/web:2$/),
        primaryContainer: { image: 'nginx:1.28', containerPort: 8080 },
        healthCheckPath: '/ready',
      });
      await waitUntilServicesStable({ client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { cluster: 'default', services: ['web'] });
      const after = await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn }));
      expect(after.service?.activeConfigurations?.map((c) => c.taskDefinitionArn)).toEqual([expect.stringMatching(/web:2$/)]);
      expect(
        (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }))).TargetGroups![0]!.HealthCheckPath,
      ).toBe('/ready');

      // Delete: DRAINING, then INACTIVE once the tasks are gone; the ELBv2 and EC2 resources it made are gone.
      const deleted = await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn }));
      expect(deleted.service?.status?.statusCode).toBe('DRAINING');
      await eventually(
        async () => (await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn }))).service?.status?.statusCode === 'INACTIVE',
        60_000,
        'INACTIVE',
      );
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
      expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toEqual([]);
      const groupsAfter = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId).sort();
      expect(groupsAfter).toEqual(groupsBefore);
      await expectEcsError(ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn, cpu: '512' })), 'ServiceNotActiveException');
    } finally {
      elb.destroy();
      ec2.destroy();
    }
  });

  it('shares one load balancer between the Express services of a VPC and keeps it until the last one goes', async () => {
    const accountId = uniqueAccountId();
    const ecs = emu.client({ accountId });
    const elb = elbv2Client(emu.endpoint, { accountId });
    try {
      const a = await ecs.send(
        new CreateExpressGatewayServiceCommand({ serviceName: 'a', infrastructureRoleArn, primaryContainer: { image: 'nginx' } }),
      );
      const b = await ecs.send(
        new CreateExpressGatewayServiceCommand({ serviceName: 'b', infrastructureRoleArn, primaryContainer: { image: 'nginx' } }),
      );
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
      expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toHaveLength(2);
      await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: a.service!.serviceArn }));
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
      expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toHaveLength(1);
      await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: b.service!.serviceArn }));
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    } finally {
      elb.destroy();
    }
  });

  it('answers AWS errors for bad requests and unknown services', async () => {
    await expectEcsError(emu.ecs.send(new CreateExpressGatewayServiceCommand({ infrastructureRoleArn })), 'InvalidParameterException');
    await expectEcsError(
      emu.ecs.send(
        new CreateExpressGatewayServiceCommand({
          infrastructureRoleArn,
          primaryContainer: { image: 'nginx' },
          scalingTarget: { minTaskCount: 3, maxTaskCount: 1 },
        }),
      ),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateExpressGatewayServiceCommand({ infrastructureRoleArn, primaryContainer: { image: 'nginx' }, healthCheckPath: 'nope' }),
      ),
      'InvalidParameterException',
    );
    const unknown = 'arn:aws:ecs:us-east-1:000000000000:service/default/nope';
    await expectEcsError(emu.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: unknown })), 'ServiceNotFoundException');
    await expectEcsError(emu.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: unknown })), 'ServiceNotFoundException');
  });
});
