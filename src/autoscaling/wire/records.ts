// Records → Application Auto Scaling's wire shapes (timestamps as Dates; the JSON writer sends epoch seconds).
import type { ScalableTargetRecord, ScalingActivityRecord, ScalingPolicyRecord } from '../../domain/autoscaling/records.js';

const CONFIG_MEMBER = {
  StepScaling: 'StepScalingPolicyConfiguration',
  TargetTrackingScaling: 'TargetTrackingScalingPolicyConfiguration',
  PredictiveScaling: 'PredictiveScalingPolicyConfiguration',
} as const;

export function toWireScalableTarget(t: ScalableTargetRecord) {
  return {
    ServiceNamespace: t.serviceNamespace,
    ResourceId: t.resourceId,
    ScalableDimension: t.scalableDimension,
    MinCapacity: t.minCapacity,
    MaxCapacity: t.maxCapacity,
    RoleARN: t.roleArn,
    CreationTime: new Date(t.createdAt),
    SuspendedState: { ...t.suspendedState },
    ScalableTargetARN: t.scalableTargetArn,
  };
}

export function toWireScalingPolicy(p: ScalingPolicyRecord) {
  return {
    PolicyARN: p.policyArn,
    PolicyName: p.policyName,
    ServiceNamespace: p.serviceNamespace,
    ResourceId: p.resourceId,
    ScalableDimension: p.scalableDimension,
    PolicyType: p.policyType,
    [CONFIG_MEMBER[p.policyType]]: structuredClone(p.configuration),
    Alarms: p.alarms.map((a) => ({ ...a })),
    CreationTime: new Date(p.createdAt),
  };
}

export function toWireScalingActivity(a: ScalingActivityRecord) {
  return {
    ActivityId: a.activityId,
    ServiceNamespace: a.serviceNamespace,
    ResourceId: a.resourceId,
    ScalableDimension: a.scalableDimension,
    Description: a.description,
    Cause: a.cause,
    StartTime: new Date(a.startTime),
    ...(a.endTime !== undefined ? { EndTime: new Date(a.endTime) } : {}),
    StatusCode: a.statusCode,
    ...(a.statusMessage ? { StatusMessage: a.statusMessage } : {}),
  };
}
