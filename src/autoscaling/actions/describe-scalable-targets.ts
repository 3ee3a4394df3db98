import type { ActionContext } from '../../actions/context.js';
import type { ScalableTargetRecord } from '../../domain/autoscaling/records.js';
import { targetKey } from '../../domain/autoscaling/records.js';
import { matchesFilter } from '../support/input.js';
import { pageOf } from '../support/paging.js';
import { toWireScalableTarget } from '../wire/records.js';

interface Input {
  ServiceNamespace: string;
  ResourceIds?: string[];
  ScalableDimension?: string;
  MaxResults?: number;
  NextToken?: string;
}

export function describeScalableTargets(ctx: ActionContext, input: Input) {
  return ctx.deps.store.read(ctx.scope, (state) => {
    const targets = Object.values(state.scalableTargets ?? {}).filter((t) => matchesFilter(t, input));
    const page = pageOf<ScalableTargetRecord>(targets, targetKey, input, { defaultSize: 50, max: 50 });
    return {
      ScalableTargets: page.items.map(toWireScalableTarget),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}
