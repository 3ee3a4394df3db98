// The scaling Express Mode sets up for its service, as on AWS: an Application Auto Scaling scalable target on the
// service's desired count with the scaling target's bounds, and a target tracking policy on its metric and value.
// Registering the bounds moves the desired count into them (Application Auto Scaling's own rule).
import { putScalingPolicy } from '../../autoscaling/actions/put-scaling-policy.js';
import { registerScalableTarget } from '../../autoscaling/actions/register-scalable-target.js';
import { ECS_DESIRED_COUNT, ECS_NAMESPACE, ecsResourceId } from '../../domain/autoscaling/scaling.js';
import {
  albResourceLabel,
  EXPRESS_SCALING_METRICS,
  type ExpressConfigurationRecord,
  type ExpressManagedResources,
  expressScalingPolicyName,
} from '../../domain/express-gateway.js';
import type { ActionContext } from '../context.js';

export function applyExpressScaling(
  ctx: ActionContext,
  service: { clusterName: string; serviceName: string; managed: ExpressManagedResources },
  scaling: ExpressConfigurationRecord['scalingTarget'],
): { scalableTargetArn: string; scalingPolicyArn: string } {
  const target = {
    ServiceNamespace: ECS_NAMESPACE,
    ScalableDimension: ECS_DESIRED_COUNT,
    ResourceId: ecsResourceId(service.clusterName, service.serviceName),
  };
  const { ScalableTargetARN } = registerScalableTarget(ctx, {
    ...target,
    MinCapacity: scaling.minTaskCount,
    MaxCapacity: scaling.maxTaskCount,
  });
  const metric = EXPRESS_SCALING_METRICS[scaling.autoScalingMetric] ?? EXPRESS_SCALING_METRICS.AVERAGE_CPU!;
  const { PolicyARN } = putScalingPolicy(ctx, {
    ...target,
    PolicyName: expressScalingPolicyName(service.serviceName),
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: scaling.autoScalingTargetValue,
      PredefinedMetricSpecification: {
        PredefinedMetricType: metric,
        ...(metric === 'ALBRequestCountPerTarget'
          ? { ResourceLabel: albResourceLabel(service.managed.loadBalancerArn, service.managed.targetGroupArn) }
          : {}),
      },
    },
  });
  return { scalableTargetArn: ScalableTargetARN, scalingPolicyArn: PolicyARN };
}
