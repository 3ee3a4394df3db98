// Application Auto Scaling's rules, with no I/O: which scalable targets this emulator accepts (ECS services'
// desired count; nothing else exists here to scale), how a target's bounds change on RegisterScalableTarget, the
// capacity a target's bounds impose on the resource (raised to the minimum, capped at the maximum, as AWS does at
// once when the bounds are registered), the scaling activity that records it, and the checks of PutScalingPolicy.
import { validation } from './errors.js';
import {
  type AutoScalingState,
  type PolicyType,
  type ScalableTargetRecord,
  type ScalingActivityRecord,
  type TargetRef,
  targetKey,
} from './records.js';

export const ECS_NAMESPACE = 'ecs';
export const ECS_DESIRED_COUNT = 'ecs:service:DesiredCount';

/** The predefined metrics of target tracking that apply to an ECS service. */
export const ECS_PREDEFINED_METRICS = [
  'ECSServiceAverageCPUUtilization',
  'ECSServiceAverageMemoryUtilization',
  'ALBRequestCountPerTarget',
] as const;

export interface EcsServiceRef {
  clusterName: string;
  serviceName: string;
}

/** `service/<cluster>/<service>` → its cluster and service names; null for anything else. */
export function parseEcsResourceId(resourceId: string): EcsServiceRef | null {
  const m = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  return m ? { clusterName: m[1]!, serviceName: m[2]! } : null;
}

export const ecsResourceId = (clusterName: string, serviceName: string) => `service/${clusterName}/${serviceName}`;

/**
 * The ECS service a target names. Other namespaces are refused: none of their resources exists in this emulator
 * (inferred wording). A resource id or dimension that is not an ECS service's is refused as AWS refuses it (inferred
 * wording).
 */
export function ecsServiceOfTarget(t: TargetRef): EcsServiceRef {
  if (t.serviceNamespace !== ECS_NAMESPACE) {
    throw validation(`Unsupported service namespace ${t.serviceNamespace}: only ECS services (ecs) can be scaled in this emulator.`);
  }
  if (t.scalableDimension !== ECS_DESIRED_COUNT) {
    throw validation(`Unsupported scalable dimension ${t.scalableDimension} for service namespace ecs.`);
  }
  const ref = parseEcsResourceId(t.resourceId);
  if (!ref) throw validation(`Unsupported resource ID ${t.resourceId} for service namespace ecs: expected service/<cluster>/<service>.`);
  return ref;
}

export interface CapacityRequest {
  MinCapacity?: number;
  MaxCapacity?: number;
}

/** The bounds after a RegisterScalableTarget: a new target needs both (inferred wording); min ≤ max. */
export function boundsOf(existing: ScalableTargetRecord | undefined, input: CapacityRequest): { min: number; max: number } {
  if (!existing && (input.MinCapacity === undefined || input.MaxCapacity === undefined)) {
    throw validation('MinCapacity and MaxCapacity are required to register a new scalable target.');
  }
  const min = input.MinCapacity ?? existing!.minCapacity;
  const max = input.MaxCapacity ?? existing!.maxCapacity;
  if (min > max) throw validation('Minimum capacity cannot be greater than maximum capacity.');
  return { min, max };
}

/** The capacity the bounds require of a resource at `current`: raised to min, capped at max; unchanged within. */
export function capacityWithin(current: number, min: number, max: number): number {
  return Math.min(Math.max(current, min), max);
}

/** The activity Application Auto Scaling records when new bounds move the desired count (successful at once here). */
export function boundsActivity(
  t: TargetRef,
  id: string,
  now: number,
  change: { from: number; to: number; min: number; max: number },
): ScalingActivityRecord {
  // Description and StatusMessage as AWS words them for ECS; the cause is inferred.
  const cause =
    change.to > change.from
      ? `minimum capacity was set to ${change.min}, above the current desired count of ${change.from}`
      : `maximum capacity was set to ${change.max}, below the current desired count of ${change.from}`;
  return {
    activityId: id,
    serviceNamespace: t.serviceNamespace,
    resourceId: t.resourceId,
    scalableDimension: t.scalableDimension,
    description: `Setting desired count to ${change.to}.`,
    cause,
    startTime: now,
    endTime: now,
    statusCode: 'Successful',
    statusMessage: `Successfully set desired count to ${change.to}. Change successfully fulfilled by ecs.`,
  };
}

export interface PolicyRequest {
  PolicyType?: string;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
  PredictiveScalingPolicyConfiguration?: Record<string, unknown>;
}

const CONFIG_OF: Record<PolicyType, keyof PolicyRequest> = {
  StepScaling: 'StepScalingPolicyConfiguration',
  TargetTrackingScaling: 'TargetTrackingScalingPolicyConfiguration',
  PredictiveScaling: 'PredictiveScalingPolicyConfiguration',
};

/** The policy type (StepScaling when absent, as AWS defaults) and its configuration, checked (inferred wording). */
export function policyConfigurationOf(input: PolicyRequest): { policyType: PolicyType; configuration: Record<string, unknown> } {
  const policyType = (input.PolicyType ?? 'StepScaling') as PolicyType;
  const member = CONFIG_OF[policyType];
  const configuration = input[member] as Record<string, unknown> | undefined;
  if (!configuration) throw validation(`${member} is required for a ${policyType} policy.`);
  for (const [type, other] of Object.entries(CONFIG_OF)) {
    if (type !== policyType && input[other] !== undefined) throw validation(`${other} cannot be specified for a ${policyType} policy.`);
  }
  if (policyType === 'TargetTrackingScaling') checkTargetTracking(configuration);
  if (policyType === 'StepScaling') checkStepScaling(configuration);
  return { policyType, configuration: structuredClone(configuration) };
}

function checkTargetTracking(c: Record<string, unknown>): void {
  const predefined = c.PredefinedMetricSpecification as { PredefinedMetricType?: string; ResourceLabel?: string } | undefined;
  const customized = c.CustomizedMetricSpecification;
  if (!predefined === !customized) {
    throw validation('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.');
  }
  if (!predefined) return;
  const type = predefined.PredefinedMetricType ?? '';
  if (!(ECS_PREDEFINED_METRICS as readonly string[]).includes(type)) {
    throw validation(`Unsupported predefined metric type ${type} for service namespace ecs.`);
  }
  if (type === 'ALBRequestCountPerTarget') {
    const label = predefined.ResourceLabel;
    if (!label) throw validation('ResourceLabel is required for the predefined metric type ALBRequestCountPerTarget.');
    if (!/^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/.test(label)) {
      throw validation(`Invalid ResourceLabel ${label}: expected app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>.`);
    }
  }
}

function checkStepScaling(c: Record<string, unknown>): void {
  const steps = c.StepAdjustments as unknown[] | undefined;
  if (!steps?.length) throw validation('StepAdjustments must contain at least one step adjustment.');
}

/** The two alarms Application Auto Scaling creates for a target tracking policy, named as AWS names them. */
export function targetTrackingAlarmNames(resourceId: string, uuid: () => string): { high: string; low: string } {
  return { high: `TargetTracking-${resourceId}-AlarmHigh-${uuid()}`, low: `TargetTracking-${resourceId}-AlarmLow-${uuid()}` };
}

/** Removes a resource's scalable targets and their policies (its deletion, or DeregisterScalableTarget). */
export function removeTargets(state: AutoScalingState, matches: (t: ScalableTargetRecord) => boolean): ScalableTargetRecord[] {
  const removed: ScalableTargetRecord[] = [];
  for (const [key, target] of Object.entries(state.scalableTargets ?? {})) {
    if (!matches(target)) continue;
    delete state.scalableTargets[key];
    removed.push(target);
    for (const [pk, policy] of Object.entries(state.scalingPolicies ?? {})) {
      if (targetKey(policy) === key) delete state.scalingPolicies[pk];
    }
  }
  return removed;
}
