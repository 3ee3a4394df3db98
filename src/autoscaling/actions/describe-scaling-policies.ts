import type { ActionContext } from '../../actions/context.js';
import { policyKey, type ScalingPolicyRecord } from '../../domain/autoscaling/records.js';
import { matchesFilter } from '../support/input.js';
import { pageOf } from '../support/paging.js';
import { toWireScalingPolicy } from '../wire/records.js';

interface Input {
  PolicyNames?: string[];
  ServiceNamespace: string;
  ResourceId?: string;
  ScalableDimension?: string;
  MaxResults?: number;
  NextToken?: string;
}

export function describeScalingPolicies(ctx: ActionContext, input: Input) {
  return ctx.deps.store.read(ctx.scope, (state) => {
    const policies = Object.values(state.scalingPolicies ?? {}).filter(
      (p) => matchesFilter(p, input) && (!input.PolicyNames?.length || input.PolicyNames.includes(p.policyName)),
    );
    const keyOf = (p: ScalingPolicyRecord) => policyKey(p, p.policyName);
    const page = pageOf(policies, keyOf, input, { defaultSize: 10, max: 10 });
    return {
      ScalingPolicies: page.items.map(toWireScalingPolicy),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}
