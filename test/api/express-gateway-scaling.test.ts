// Express Mode's scaling through the SDKs: CreateExpressGatewayService registers the service's desired count as an
// Application Auto Scaling target with the scaling target's bounds and puts a target tracking policy on its metric;
// an update moves both (new bounds move the desired count, recorded as a scaling activity); a delete removes them.
// On the in-memory runtime.
import {
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  UpdateExpressGatewayServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoScalingClient } from '../support/autoscaling.js';
import { uniqueAccountId } from '../support/ecs-error.js';
import { elbv2Client } from '../support/elbv2.js';
import { startTestEmulator } from '../support/emulator.js';

let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emu = await startTestEmulator({}, { healthProbe: async () => ({ ok: true }) });
});
afterAll(() => emu.close());

const infrastructureRoleArn = 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForExpressServices';
const ECS = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } as const;

describe('Express Mode scaling', () => {
  it('creates the scalable target and target tracking policy, updates them, and removes them with the service', async () => {
    const accountId = uniqueAccountId();
    const ecs = emu.client({ accountId });
    const aas = autoScalingClient(emu.endpoint, { accountId });
    const elb = elbv2Client(emu.endpoint, { accountId });
    try {
      const { service } = await ecs.send(
        new CreateExpressGatewayServiceCommand({
          serviceName: 'shop',
          infrastructureRoleArn,
          primaryContainer: { image: 'nginx:1.27' },
          scalingTarget: { minTaskCount: 2, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_MEMORY', autoScalingTargetValue: 70 },
        }),
      );
      const resourceId = 'service/default/shop';
      const { ScalableTargets } = await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [resourceId] }));
      expect(ScalableTargets).toEqual([
        expect.objectContaining({ ...ECS, ResourceId: resourceId, MinCapacity: 2, MaxCapacity: 4, ScalableTargetARN: expect.any(String) }),
      ]);
      const created = (await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: resourceId }))).ScalingPolicies!;
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({
        PolicyName: 'ecs-express-gateway-scaling-shop',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' },
        },
      });
      expect(created[0]!.Alarms).toHaveLength(2);
      // The service starts at minTaskCount: nothing to move, no activity.
      expect((await ecs.send(new DescribeServicesCommand({ services: ['shop'] }))).services![0]!.desiredCount).toBe(2);
      expect((await aas.send(new DescribeScalingActivitiesCommand({ ...ECS, ResourceId: resourceId }))).ScalingActivities).toEqual([]);

      // Update: a higher minimum raises the desired count; the policy follows the new metric (request count per
      // target, labelled with the service's load balancer and target group) and value, under the same ARN.
      await ecs.send(
        new UpdateExpressGatewayServiceCommand({
          serviceArn: service!.serviceArn,
          scalingTarget: { minTaskCount: 3, autoScalingMetric: 'REQUEST_COUNT_PER_TARGET', autoScalingTargetValue: 500 },
        }),
      );
      const target = (await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [resourceId] }))).ScalableTargets![0]!;
      expect(target).toMatchObject({ MinCapacity: 3, MaxCapacity: 4, ScalableTargetARN: ScalableTargets![0]!.ScalableTargetARN });
      const ecsService = (await ecs.send(new DescribeServicesCommand({ services: ['shop'] }))).services![0]!;
      expect(ecsService.desiredCount).toBe(3);
      const { ScalingActivities } = await aas.send(new DescribeScalingActivitiesCommand({ ...ECS, ResourceId: resourceId }));
      expect(ScalingActivities!.map((a) => a.Description)).toEqual(['Setting desired count to 3.']);
      const tgArn = ecsService.loadBalancers![0]!.targetGroupArn!;
      const tg = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] }))).TargetGroups![0]!;
      const lbArn = tg.LoadBalancerArns![0]!;
      const label = `${lbArn.split(':loadbalancer/')[1]}/${tgArn.split(':').pop()}`;
      expect(label).toMatch(/^app\/[^/]+\/[0-9a-f]+\/targetgroup\/[^/]+\/[0-9a-f]+$/);
      const updated = (await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: resourceId }))).ScalingPolicies!;
      expect(updated).toEqual([
        expect.objectContaining({
          PolicyARN: created[0]!.PolicyARN,
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 500,
            PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label },
          },
        }),
      ]);
      // A lower maximum caps it.
      await ecs.send(
        new UpdateExpressGatewayServiceCommand({ serviceArn: service!.serviceArn, scalingTarget: { minTaskCount: 1, maxTaskCount: 2 } }),
      );
      expect((await ecs.send(new DescribeServicesCommand({ services: ['shop'] }))).services![0]!.desiredCount).toBe(2);
      const described = await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: service!.serviceArn }));
      expect(described.service!.activeConfigurations![0]!.scalingTarget).toEqual({
        minTaskCount: 1,
        maxTaskCount: 2,
        autoScalingMetric: 'REQUEST_COUNT_PER_TARGET',
        autoScalingTargetValue: 500,
      });

      // Delete: the target and its policy go with the service.
      await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: service!.serviceArn }));
      expect((await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [resourceId] }))).ScalableTargets).toEqual([]);
      expect((await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: resourceId }))).ScalingPolicies).toEqual([]);
    } finally {
      ecs.destroy();
      aas.destroy();
      elb.destroy();
    }
  });

  it('reports what it created in the service revision’s ecsManagedResources, no longer ACTIVE once the service is deleted', async () => {
    const accountId = uniqueAccountId();
    const ecs = emu.client({ accountId });
    const aas = autoScalingClient(emu.endpoint, { accountId });
    const elb = elbv2Client(emu.endpoint, { accountId });
    try {
      const { service } = await ecs.send(
        new CreateExpressGatewayServiceCommand({ serviceName: 'menu', infrastructureRoleArn, primaryContainer: { image: 'nginx:1.27' } }),
      );
      const ecsService = (await ecs.send(new DescribeServicesCommand({ services: ['menu'] }))).services![0]!;
      const revisionArn = service!.activeConfigurations![0]!.serviceRevisionArn;
      const revisions = async () =>
        (await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn!] }))).serviceRevisions![0]!;
      const managed = (await revisions()).ecsManagedResources!;
      const tgArn = ecsService.loadBalancers![0]!.targetGroupArn!;
      const lbArn = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] }))).TargetGroups![0]!.LoadBalancerArns![0]!;
      const lb = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }))).LoadBalancers![0]!;
      const policy = (await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: 'service/default/menu' })))
        .ScalingPolicies![0]!;
      const target = (await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: ['service/default/menu'] })))
        .ScalableTargets![0]!;
      const path = managed.ingressPaths![0]!;
      expect(path).toMatchObject({
        accessType: 'PUBLIC',
        endpoint: service!.activeConfigurations![0]!.ingressPaths![0]!.endpoint,
        loadBalancer: { arn: lbArn, status: 'ACTIVE', scheme: lb.Scheme, securityGroupIds: lb.SecurityGroups },
        targetGroups: [{ arn: tgArn, status: 'ACTIVE', healthCheckPath: '/ping', port: 80 }],
      });
      expect(path.loadBalancerSecurityGroups!.map((g) => g.arn!.split('/').pop())).toEqual(lb.SecurityGroups);
      expect(path.listener!.arn).toMatch(/:listener\/app\//);
      expect(path.rule!.arn).toMatch(/:listener-rule\/app\//);
      expect(managed.autoScaling).toMatchObject({
        scalableTarget: { arn: target.ScalableTargetARN, status: 'ACTIVE', minCapacity: 1, maxCapacity: 20 },
        applicationAutoScalingPolicies: [
          { arn: policy.PolicyARN, policyType: 'TargetTrackingScaling', targetValue: 60, metric: 'ECSServiceAverageCPUUtilization' },
        ],
      });
      expect(managed.metricAlarms!.map((a) => a.arn)).toEqual(policy.Alarms!.map((a) => a.AlarmARN));
      expect(managed.serviceSecurityGroups!.map((g) => g.arn!.split('/').pop())).toEqual(
        ecsService.networkConfiguration!.awsvpcConfiguration!.securityGroups,
      );

      await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: service!.serviceArn }));
      const after = (await revisions()).ecsManagedResources!;
      expect(after.ingressPaths![0]!.listener!.status).not.toBe('ACTIVE');
    } finally {
      ecs.destroy();
      aas.destroy();
      elb.destroy();
    }
  });

  it('uses AWS’s defaults when no scaling target is given: 1 to 20 tasks, average CPU at 60', async () => {
    const accountId = uniqueAccountId();
    const ecs = emu.client({ accountId });
    const aas = autoScalingClient(emu.endpoint, { accountId });
    try {
      await ecs.send(
        new CreateExpressGatewayServiceCommand({ serviceName: 'plain', infrastructureRoleArn, primaryContainer: { image: 'nginx' } }),
      );
      const { ScalableTargets } = await aas.send(new DescribeScalableTargetsCommand({ ...ECS }));
      expect(ScalableTargets!.map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity])).toEqual([['service/default/plain', 1, 20]]);
      const { ScalingPolicies } = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS }));
      expect(ScalingPolicies!.map((p) => p.TargetTrackingScalingPolicyConfiguration)).toEqual([
        { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      ]);
    } finally {
      ecs.destroy();
      aas.destroy();
    }
  });
});
