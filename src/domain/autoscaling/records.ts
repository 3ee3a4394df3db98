// What Application Auto Scaling keeps per account and region: scalable targets, their scaling policies, and the
// scaling activities it ran. Policy configurations are kept in their wire shape (they are stored and described,
// not evaluated: no CloudWatch metric reaches the emulator).

export interface SuspendedStateRecord {
  DynamicScalingInSuspended: boolean;
  DynamicScalingOutSuspended: boolean;
  ScheduledScalingSuspended: boolean;
}

export interface ScalableTargetRecord {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  suspendedState: SuspendedStateRecord;
  scalableTargetArn: string;
  tags: Record<string, string>;
  createdAt: number;
}

export type PolicyType = 'TargetTrackingScaling' | 'StepScaling' | 'PredictiveScaling';

export interface AlarmRecord {
  AlarmName: string;
  AlarmARN: string;
}

export interface ScalingPolicyRecord {
  policyArn: string;
  policyName: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  policyType: PolicyType;
  /** The configuration of its type, as it was put (wire shape). */
  configuration: Record<string, unknown>;
  alarms: AlarmRecord[];
  createdAt: number;
}

export interface ScalingActivityRecord {
  activityId: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  description: string;
  cause: string;
  startTime: number;
  endTime?: number;
  statusCode: 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';
  statusMessage?: string;
}

export interface AutoScalingState {
  /** By targetKey(namespace, resource id, dimension). */
  scalableTargets: Record<string, ScalableTargetRecord>;
  /** By policyKey(target, policy name). */
  scalingPolicies: Record<string, ScalingPolicyRecord>;
  /** By activity id. */
  scalingActivities: Record<string, ScalingActivityRecord>;
}

export interface TargetRef {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
}

export const targetKey = (t: TargetRef) => `${t.serviceNamespace} ${t.resourceId} ${t.scalableDimension}`;
export const policyKey = (t: TargetRef, policyName: string) => `${targetKey(t)} ${policyName}`;
