import type { ActionContext } from '../../actions/context.js';
import { cloudWatchAlarmArn, scalingPolicyArn } from '../../domain/arn.js';
import { targetNotFound } from '../../domain/autoscaling/errors.js';
import { policyKey, type ScalingPolicyRecord, targetKey } from '../../domain/autoscaling/records.js';
import { type PolicyRequest, policyConfigurationOf, targetTrackingAlarmNames } from '../../domain/autoscaling/scaling.js';
import { type TargetInput, targetRefOf } from '../support/input.js';

export interface PutScalingPolicyInput extends TargetInput, PolicyRequest {
  PolicyName: string;
}

/**
 * Creates or replaces a scaling policy of a registered target. A target tracking policy gets the two CloudWatch
 * alarms AWS creates for it (AlarmHigh, AlarmLow), named as AWS names them; no metric reaches them here, so the
 * policy is stored and described and never scales.
 */
export function putScalingPolicy(
  ctx: ActionContext,
  input: PutScalingPolicyInput,
): { PolicyARN: string; Alarms?: ScalingPolicyRecord['alarms'] } {
  const { scope, deps } = ctx;
  const ref = targetRefOf(input);
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    if (!state.scalableTargets[targetKey(ref)]) throw targetNotFound(ref);
    const { policyType, configuration } = policyConfigurationOf(input);
    const key = policyKey(ref, input.PolicyName);
    const existing = state.scalingPolicies[key];
    const keepAlarms = existing?.policyType === 'TargetTrackingScaling' && policyType === 'TargetTrackingScaling';
    let alarms: ScalingPolicyRecord['alarms'] = [];
    if (keepAlarms) alarms = existing.alarms;
    else if (policyType === 'TargetTrackingScaling') {
      const names = targetTrackingAlarmNames(ref.resourceId, () => deps.ids.uuid());
      alarms = [names.high, names.low].map((name) => ({ AlarmName: name, AlarmARN: cloudWatchAlarmArn(scope, name) }));
    }
    const policy: ScalingPolicyRecord = {
      policyArn: existing?.policyArn ?? scalingPolicyArn(scope, deps.ids.uuid(), ref.serviceNamespace, ref.resourceId, input.PolicyName),
      policyName: input.PolicyName,
      ...ref,
      policyType,
      configuration,
      alarms,
      createdAt: existing?.createdAt ?? now,
    };
    state.scalingPolicies[key] = policy;
    return { PolicyARN: policy.policyArn, ...(policyType === 'TargetTrackingScaling' ? { Alarms: alarms.map((a) => ({ ...a })) } : {}) };
  });
}
