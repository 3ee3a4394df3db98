import type { ActionContext } from '../../actions/context.js';
import type { ScalingActivityRecord } from '../../domain/autoscaling/records.js';
import { numberKey } from '../../domain/pagination.js';
import { matchesFilter } from '../support/input.js';
import { pageOf } from '../support/paging.js';
import { toWireScalingActivity } from '../wire/records.js';

interface Input {
  ServiceNamespace: string;
  ResourceId?: string;
  ScalableDimension?: string;
  MaxResults?: number;
  NextToken?: string;
  IncludeNotScaledActivities?: boolean;
}

/** Newest first. Only activities that scaled are recorded here, so IncludeNotScaledActivities adds none. */
export function describeScalingActivities(ctx: ActionContext, input: Input) {
  return ctx.deps.store.read(ctx.scope, (state) => {
    const activities = Object.values(state.scalingActivities ?? {}).filter((a) => matchesFilter(a, input));
    const keyOf = (a: ScalingActivityRecord) => `${numberKey(Number.MAX_SAFE_INTEGER - a.startTime)} ${a.activityId}`;
    const page = pageOf(activities, keyOf, input, { defaultSize: 50, max: 50 });
    return {
      ScalingActivities: page.items.map(toWireScalingActivity),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}
