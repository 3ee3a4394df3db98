// Application Auto Scaling through its SDK client, on the in-memory runtime: scalable targets on ECS services move
// the desired count into their bounds (a scaling activity records it), scaling policies are stored and described,
// deleting the service removes its target, and bad input gets the service's own errors.
import {
  type ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  ListTagsForResourceCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CreateServiceCommand, DeleteServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { autoScalingClient } from '../support/autoscaling.js';
import { startTestEmulator, type TestEmulator, uniqueName } from '../support/emulator.js';
import { expectEcsError } from '../support/ecs-error.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnets = defaultVpc(scope, 0).subnets.map((s) => s.subnetId);
const ECS = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } as const;

let emu: TestEmulator;
let aas: ApplicationAutoScalingClient;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  aas = autoScalingClient(emu.endpoint);
  family = uniqueName('scaled');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
});
afterAll(async () => {
  aas.destroy();
  await emu.close();
});

async function service(desiredCount: number): Promise<{ cluster: string; name: string; resourceId: string }> {
  const cluster = await fargateCluster(emu.ecs);
  const name = uniqueName('web');
  await emu.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      taskDefinition: `${family}:1`,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets } },
    }),
  );
  return { cluster, name, resourceId: `service/${cluster}/${name}` };
}

describe('RegisterScalableTarget on an ECS service', () => {
  it('raises the desired count to the minimum, caps it at the maximum, and records each move', async () => {
    const svc = await service(1);
    const { ScalableTargetARN } = await aas.send(
      new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 3, MaxCapacity: 5 }),
    );
    expect(ScalableTargetARN).toMatch(/^arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target\/[0-9a-f]{36}$/);
    expect((await describeService(emu.ecs, svc.cluster, svc.name)).desiredCount).toBe(3);
    // The scheduler really runs the new count.
    await eventually(async () => (await runningTasksOf(emu.ecs, svc.cluster, svc.name)).length === 3, 20_000, 'three tasks');

    const { ScalableTargets } = await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [svc.resourceId] }));
    expect(ScalableTargets).toEqual([
      {
        ...ECS,
        ResourceId: svc.resourceId,
        MinCapacity: 3,
        MaxCapacity: 5,
        RoleARN:
          'arn:aws:iam::000000000000:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        CreationTime: expect.any(Date),
        SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
        ScalableTargetARN,
      },
    ]);

    // New bounds below the current count: capped at the maximum; the target keeps its ARN.
    const again = await aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 1, MaxCapacity: 2 }));
    expect(again.ScalableTargetARN).toBe(ScalableTargetARN);
    expect((await describeService(emu.ecs, svc.cluster, svc.name)).desiredCount).toBe(2);
    // Only MaxCapacity given: the minimum stays; 2 is within [1, 4], nothing moves.
    await aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MaxCapacity: 4 }));
    expect((await describeService(emu.ecs, svc.cluster, svc.name)).desiredCount).toBe(2);

    const { ScalingActivities } = await aas.send(new DescribeScalingActivitiesCommand({ ...ECS, ResourceId: svc.resourceId }));
    expect(ScalingActivities!.map((a) => [a.Description, a.StatusCode, a.StatusMessage])).toEqual([
      ['Setting desired count to 2.', 'Successful', 'Successfully set desired count to 2. Change successfully fulfilled by ecs.'],
      ['Setting desired count to 3.', 'Successful', 'Successfully set desired count to 3. Change successfully fulfilled by ecs.'],
    ]);
    expect(ScalingActivities![0]).toMatchObject({ ...ECS, ResourceId: svc.resourceId, ActivityId: expect.any(String) });
  });

  it('refuses a service that does not exist, bounds that cross, and a new target without both bounds', async () => {
    const svc = await service(0);
    const missing = `service/${svc.cluster}/nope`;
    await expectEcsError(
      aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: missing, MinCapacity: 1, MaxCapacity: 2 })),
      'ValidationException',
      `ECS service doesn't exist: ${missing}`,
    );
    await expectEcsError(
      aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 3, MaxCapacity: 2 })),
      'ValidationException',
      'Minimum capacity cannot be greater than maximum capacity.',
    );
    await expectEcsError(
      aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 1 })),
      'ValidationException',
      /MinCapacity and MaxCapacity are required/,
    );
    await expectEcsError(
      aas.send(
        new RegisterScalableTargetCommand({
          ServiceNamespace: 'dynamodb',
          ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
          ResourceId: 'table/t',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
      'ValidationException',
    );
    // Model constraints, in Coral's words, member names with a lower-case first letter.
    await expectEcsError(
      aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: undefined as unknown as string })),
      'ValidationException',
      "1 validation error detected: Value null at 'resourceId' failed to satisfy constraint: Member must not be null",
    );
    await expectEcsError(
      aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'nope' as 'ecs' })),
      'ValidationException',
      /^1 validation error detected: Value 'nope' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: \[ecs, /,
    );
    await expectEcsError(
      aas.send(new DeregisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId })),
      'ObjectNotFoundException',
      `No scalable target registered for service namespace: ecs, resource ID: ${svc.resourceId}, scalable dimension: ecs:service:DesiredCount`,
    );
    // Nothing was registered by the refused calls.
    const { ScalableTargets } = await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [svc.resourceId, missing] }));
    expect(ScalableTargets).toEqual([]);
  });
});

describe('Scaling policies', () => {
  it('stores target tracking and step scaling policies, describes, replaces and deletes them', async () => {
    const svc = await service(1);
    await expectEcsError(
      aas.send(
        new PutScalingPolicyCommand({
          ...ECS,
          ResourceId: svc.resourceId,
          PolicyName: 'cpu',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 60,
            PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          },
        }),
      ),
      'ObjectNotFoundException',
      `No scalable target registered for service namespace: ecs, resource ID: ${svc.resourceId}, scalable dimension: ecs:service:DesiredCount`,
    );
    await aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 1, MaxCapacity: 10 }));
    const cpu = await aas.send(
      new PutScalingPolicyCommand({
        ...ECS,
        ResourceId: svc.resourceId,
        PolicyName: 'cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          ScaleInCooldown: 300,
        },
      }),
    );
    expect(cpu.PolicyARN).toMatch(
      new RegExp(`^arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:[0-9a-f-]{36}:resource/ecs/${svc.resourceId}:policyName/cpu$`),
    );
    expect(cpu.Alarms!.map((a) => a.AlarmName)).toEqual([
      expect.stringMatching(new RegExp(`^TargetTracking-${svc.resourceId}-AlarmHigh-[0-9a-f-]{36}$`)),
      expect.stringMatching(new RegExp(`^TargetTracking-${svc.resourceId}-AlarmLow-[0-9a-f-]{36}$`)),
    ]);
    expect(cpu.Alarms![0]!.AlarmARN).toBe(`arn:aws:cloudwatch:us-east-1:000000000000:alarm:${cpu.Alarms![0]!.AlarmName}`);

    const step = await aas.send(
      new PutScalingPolicyCommand({
        ...ECS,
        ResourceId: svc.resourceId,
        PolicyName: 'step-out',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
          Cooldown: 60,
        },
      }),
    );
    expect(step.Alarms).toBeUndefined();

    // Replacing a policy keeps its ARN and alarms.
    const replaced = await aas.send(
      new PutScalingPolicyCommand({
        ...ECS,
        ResourceId: svc.resourceId,
        PolicyName: 'cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 75,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      }),
    );
    expect(replaced).toMatchObject({ PolicyARN: cpu.PolicyARN, Alarms: cpu.Alarms });

    const { ScalingPolicies } = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId }));
    expect(ScalingPolicies!.map((p) => [p.PolicyName, p.PolicyType])).toEqual([
      ['cpu', 'TargetTrackingScaling'],
      ['step-out', 'StepScaling'],
    ]);
    expect(ScalingPolicies![0]!.TargetTrackingScalingPolicyConfiguration).toEqual({
      TargetValue: 75,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    });
    expect(ScalingPolicies![1]!.StepScalingPolicyConfiguration).toEqual({
      AdjustmentType: 'ChangeInCapacity',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      Cooldown: 60,
    });
    // One per page (DescribeScalingPolicies pages by at most 10).
    const first = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId, MaxResults: 1 }));
    expect(first.ScalingPolicies!.map((p) => p.PolicyName)).toEqual(['cpu']);
    const second = await aas.send(
      new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId, MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.ScalingPolicies!.map((p) => p.PolicyName)).toEqual(['step-out']);
    expect(second.NextToken).toBeUndefined();
    await expectEcsError(
      aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId, MaxResults: 11 })),
      'ValidationException',
    );

    await aas.send(new DeleteScalingPolicyCommand({ ...ECS, ResourceId: svc.resourceId, PolicyName: 'step-out' }));
    await expectEcsError(
      aas.send(new DeleteScalingPolicyCommand({ ...ECS, ResourceId: svc.resourceId, PolicyName: 'step-out' })),
      'ObjectNotFoundException',
      /policy name: step-out$/,
    );
    const byName = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, PolicyNames: ['cpu', 'step-out'] }));
    expect(byName.ScalingPolicies!.filter((p) => p.ResourceId === svc.resourceId).map((p) => p.PolicyName)).toEqual(['cpu']);

    // Deregistering the target deletes its policies.
    await aas.send(new DeregisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId }));
    const after = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId }));
    expect(after.ScalingPolicies).toEqual([]);
  });

  it('refuses a metric ECS has not, a request count metric without its target group, and a policy without its configuration', async () => {
    const svc = await service(0);
    await aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 0, MaxCapacity: 3 }));
    const put = (c: object) => aas.send(new PutScalingPolicyCommand({ ...ECS, ResourceId: svc.resourceId, PolicyName: 'p', ...c }));
    await expectEcsError(
      put({
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' },
        },
      }),
      'ValidationException',
      /DynamoDBReadCapacityUtilization/,
    );
    await expectEcsError(
      put({
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' },
        },
      }),
      'ValidationException',
      /ResourceLabel/,
    );
    await expectEcsError(put({ PolicyType: 'TargetTrackingScaling' }), 'ValidationException', /TargetTrackingScalingPolicyConfiguration/);
    await expectEcsError(put({ TargetTrackingScalingPolicyConfiguration: { TargetValue: 'high' } }), 'SerializationException');
    const { ScalingPolicies } = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId }));
    expect(ScalingPolicies).toEqual([]);
  });
});

describe('the ECS service and its target', () => {
  it('DeleteService deregisters the service’s scalable target and deletes its policies', async () => {
    const svc = await service(1);
    await aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 1, MaxCapacity: 3 }));
    await aas.send(
      new PutScalingPolicyCommand({
        ...ECS,
        ResourceId: svc.resourceId,
        PolicyName: 'mem',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' },
        },
      }),
    );
    await emu.ecs.send(new DeleteServiceCommand({ cluster: svc.cluster, service: svc.name, force: true }));
    const { ScalableTargets } = await aas.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [svc.resourceId] }));
    expect(ScalableTargets).toEqual([]);
    const { ScalingPolicies } = await aas.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: svc.resourceId }));
    expect(ScalingPolicies).toEqual([]);
  });
});

describe('Tags of scalable targets', () => {
  it('tags on register, then through TagResource and UntagResource; refuses tags on an existing target', async () => {
    const svc = await service(0);
    const { ScalableTargetARN } = await aas.send(
      new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MinCapacity: 0, MaxCapacity: 2, Tags: { team: 'a' } }),
    );
    await expectEcsError(
      aas.send(new RegisterScalableTargetCommand({ ...ECS, ResourceId: svc.resourceId, MaxCapacity: 3, Tags: { team: 'b' } })),
      'ValidationException',
      'The scalable target that you tried to tag already exists. To update tags on an existing scalable target, use the TagResource API.',
    );
    await aas.send(new TagResourceCommand({ ResourceARN: ScalableTargetARN, Tags: { env: 'dev' } }));
    await aas.send(new UntagResourceCommand({ ResourceARN: ScalableTargetARN, TagKeys: ['team'] }));
    expect((await aas.send(new ListTagsForResourceCommand({ ResourceARN: ScalableTargetARN }))).Tags).toEqual({ env: 'dev' });
    const unknown = 'arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/0000000000000000000000000000000000ff';
    const err = await expectEcsError(aas.send(new ListTagsForResourceCommand({ ResourceARN: unknown })), 'ResourceNotFoundException');
    expect((err as unknown as { ResourceName: string }).ResourceName).toBe(unknown);
  });
});

describe('the protocol', () => {
  const post = async (target: string, body: string) => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });
    return { status: res.status, body: (await res.json()) as { __type: string; Message?: string } };
  };

  it('answers an operation it does not know, a body that is not an object, and a wrong JSON type with AWS JSON errors', async () => {
    expect(await post('AnyScaleFrontendService.PutScheduledAction', '{}')).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException' },
    });
    expect(await post('AnyScaleFrontendService.DescribeScalableTargets', '[]')).toMatchObject({
      status: 400,
      body: { __type: 'SerializationException' },
    });
    expect(
      await post(
        'AnyScaleFrontendService.RegisterScalableTarget',
        JSON.stringify({ ...ECS, ResourceId: 'service/a/b', MinCapacity: 'one', MaxCapacity: 2 }),
      ),
    ).toEqual({ status: 400, body: { __type: 'SerializationException', Message: 'STRING_VALUE cannot be converted to Integer' } });
  });
});
