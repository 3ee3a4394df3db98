import type { ActionContext } from '../../actions/context.js';
import { policyNotFound } from '../../domain/autoscaling/errors.js';
import { policyKey } from '../../domain/autoscaling/records.js';
import { type TargetInput, targetRefOf } from '../support/input.js';

/** Deletes a scaling policy (and, for target tracking, the alarms AWS made for it, which only live in the policy here). */
export function deleteScalingPolicy(ctx: ActionContext, input: TargetInput & { PolicyName: string }): Record<string, never> {
  const ref = targetRefOf(input);
  ctx.deps.store.update(ctx.scope, (state) => {
    const key = policyKey(ref, input.PolicyName);
    if (!state.scalingPolicies[key]) throw policyNotFound(ref, input.PolicyName);
    delete state.scalingPolicies[key];
  });
  return {};
}
