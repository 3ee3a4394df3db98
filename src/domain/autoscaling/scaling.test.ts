import { describe, expect, it } from 'vitest';
import { AutoScalingError } from './errors.js';
import type { AutoScalingState, ScalableTargetRecord } from './records.js';
import {
  boundsActivity,
  boundsOf,
  capacityWithin,
  ecsServiceOfTarget,
  parseEcsResourceId,
  policyConfigurationOf,
  removeTargets,
} from './scaling.js';

const ecs = (resourceId: string) => ({ serviceNamespace: 'ecs', scalableDimension: 'ecs:service:DesiredCount', resourceId });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AutoScalingError) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected an AutoScalingError');
}

const target = (resourceId: string, min = 1, max = 4): ScalableTargetRecord => ({
  ...ecs(resourceId),
  minCapacity: min,
  maxCapacity: max,
  roleArn: 'arn:aws:iam::1:role/r',
  suspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
  scalableTargetArn: `arn:${resourceId}`,
  tags: {},
  createdAt: 0,
});

describe('ECS scalable targets', () => {
  it('reads service/<cluster>/<service> and nothing else', () => {
    expect(parseEcsResourceId('service/default/web')).toEqual({ clusterName: 'default', serviceName: 'web' });
    expect(parseEcsResourceId('service/default')).toBeNull();
    expect(parseEcsResourceId('service/a/b/c')).toBeNull();
    expect(parseEcsResourceId('table/t')).toBeNull();
  });

  it('accepts only an ECS service’s desired count', () => {
    expect(ecsServiceOfTarget(ecs('service/c/s'))).toEqual({ clusterName: 'c', serviceName: 's' });
    expect(codeOf(() => ecsServiceOfTarget({ ...ecs('service/c/s'), scalableDimension: 'dynamodb:table:ReadCapacityUnits' }))).toMatch(
      /^ValidationException: Unsupported scalable dimension/,
    );
    expect(codeOf(() => ecsServiceOfTarget({ ...ecs('table/t'), serviceNamespace: 'dynamodb' }))).toMatch(/^ValidationException/);
    expect(codeOf(() => ecsServiceOfTarget(ecs('cluster/c')))).toMatch(/^ValidationException: Unsupported resource ID cluster\/c/);
  });
});

describe('bounds and capacity', () => {
  it('needs both bounds for a new target and keeps the other one on an update', () => {
    expect(boundsOf(undefined, { MinCapacity: 1, MaxCapacity: 3 })).toEqual({ min: 1, max: 3 });
    expect(codeOf(() => boundsOf(undefined, { MinCapacity: 1 }))).toMatch(/^ValidationException: MinCapacity and MaxCapacity/);
    expect(boundsOf(target('service/c/s', 2, 6), { MaxCapacity: 8 })).toEqual({ min: 2, max: 8 });
    expect(codeOf(() => boundsOf(target('service/c/s', 2, 6), { MaxCapacity: 1 }))).toBe(
      'ValidationException: Minimum capacity cannot be greater than maximum capacity.',
    );
  });

  it('raises to the minimum, caps at the maximum, leaves a count within alone', () => {
    expect(capacityWithin(0, 2, 5)).toBe(2);
    expect(capacityWithin(9, 2, 5)).toBe(5);
    expect(capacityWithin(3, 2, 5)).toBe(3);
    expect(capacityWithin(0, 0, 0)).toBe(0);
  });

  it('words the activity as AWS does for ECS', () => {
    const a = boundsActivity(ecs('service/c/s'), 'id-1', 1000, { from: 1, to: 3, min: 3, max: 5 });
    expect(a).toMatchObject({
      activityId: 'id-1',
      resourceId: 'service/c/s',
      description: 'Setting desired count to 3.',
      statusCode: 'Successful',
      statusMessage: 'Successfully set desired count to 3. Change successfully fulfilled by ecs.',
      startTime: 1000,
      endTime: 1000,
    });
    expect(a.cause).toMatch(/minimum capacity was set to 3/);
    expect(boundsActivity(ecs('service/c/s'), 'id-2', 0, { from: 9, to: 5, min: 1, max: 5 }).cause).toMatch(
      /maximum capacity was set to 5/,
    );
  });
});

describe('policy configurations', () => {
  const tracking = (spec: object) => ({
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, ...spec },
  });

  it('defaults to StepScaling and needs the configuration of its type, and only that one', () => {
    expect(policyConfigurationOf({ StepScalingPolicyConfiguration: { StepAdjustments: [{ ScalingAdjustment: 1 }] } }).policyType).toBe(
      'StepScaling',
    );
    expect(codeOf(() => policyConfigurationOf({}))).toMatch(/StepScalingPolicyConfiguration is required/);
    expect(codeOf(() => policyConfigurationOf({ StepScalingPolicyConfiguration: {} }))).toMatch(/StepAdjustments/);
    expect(
      codeOf(() =>
        policyConfigurationOf({
          ...tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }),
          StepScalingPolicyConfiguration: {},
        }),
      ),
    ).toMatch(/StepScalingPolicyConfiguration cannot be specified/);
  });

  it('accepts ECS’s predefined metrics, with a target group label for the request count', () => {
    for (const type of ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization']) {
      expect(policyConfigurationOf(tracking({ PredefinedMetricSpecification: { PredefinedMetricType: type } })).policyType).toBe(
        'TargetTrackingScaling',
      );
    }
    const label = 'app/my-alb/0123456789abcdef/targetgroup/my-tg/fedcba9876543210';
    expect(
      policyConfigurationOf(
        tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label } }),
      ).configuration,
    ).toEqual({
      TargetValue: 60,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label },
    });
    expect(
      codeOf(() =>
        policyConfigurationOf(tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } })),
      ),
    ).toMatch(/ResourceLabel is required/);
    expect(
      codeOf(() =>
        policyConfigurationOf(
          tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'tg/x' } }),
        ),
      ),
    ).toMatch(/Invalid ResourceLabel tg\/x/);
    expect(
      codeOf(() =>
        policyConfigurationOf(
          tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'EC2SpotFleetRequestAverageCPUUtilization' } }),
        ),
      ),
    ).toMatch(/Unsupported predefined metric type/);
    expect(codeOf(() => policyConfigurationOf(tracking({})))).toMatch(/Exactly one of/);
  });
});

describe('removeTargets', () => {
  it('removes the matching targets and their policies, and nothing else', () => {
    const state: AutoScalingState = { scalableTargets: {}, scalingPolicies: {}, scalingActivities: {} };
    state.scalableTargets = {
      'ecs service/c/a ecs:service:DesiredCount': target('service/c/a'),
      'ecs service/c/b ecs:service:DesiredCount': target('service/c/b'),
    };
    const policy = (resourceId: string) => ({
      ...ecs(resourceId),
      policyArn: 'p',
      policyName: 'p',
      policyType: 'StepScaling' as const,
      configuration: {},
      alarms: [],
      createdAt: 0,
    });
    state.scalingPolicies = {
      'ecs service/c/a ecs:service:DesiredCount p': policy('service/c/a'),
      'ecs service/c/b ecs:service:DesiredCount p': policy('service/c/b'),
    };
    const removed = removeTargets(state, (t) => t.resourceId === 'service/c/a');
    expect(removed.map((t) => t.resourceId)).toEqual(['service/c/a']);
    expect(Object.keys(state.scalableTargets)).toEqual(['ecs service/c/b ecs:service:DesiredCount']);
    expect(Object.keys(state.scalingPolicies)).toEqual(['ecs service/c/b ecs:service:DesiredCount p']);
  });
});
