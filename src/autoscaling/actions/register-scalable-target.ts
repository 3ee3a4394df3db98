import type { ActionContext } from '../../actions/context.js';
import { ecsAutoScalingRoleArn, scalableTargetArn } from '../../domain/arn.js';
import { ecsServiceMissing, tagsOnExistingTarget, tooManyTags } from '../../domain/autoscaling/errors.js';
import { type ScalableTargetRecord, targetKey } from '../../domain/autoscaling/records.js';
import { boundsActivity, boundsOf, capacityWithin, ecsServiceOfTarget } from '../../domain/autoscaling/scaling.js';
import { activeEcsService, setDesiredCount } from '../support/ecs.js';
import { type TargetInput, targetRefOf } from '../support/input.js';

export interface RegisterScalableTargetInput extends TargetInput {
  MinCapacity?: number;
  MaxCapacity?: number;
  RoleARN?: string;
  SuspendedState?: { DynamicScalingInSuspended?: boolean; DynamicScalingOutSuspended?: boolean; ScheduledScalingSuspended?: boolean };
  Tags?: Record<string, string>;
}

const MAX_TAGS = 50;

/**
 * Registers a scalable target (an ECS service's desired count) or changes its bounds. When the service's desired
 * count is outside the new bounds it is moved into them at once, through UpdateService, and the move is recorded
 * as a scaling activity, as Application Auto Scaling does.
 */
export function registerScalableTarget(ctx: ActionContext, input: RegisterScalableTargetInput): { ScalableTargetARN: string } {
  const { scope, deps } = ctx;
  const ref = targetRefOf(input);
  const service = ecsServiceOfTarget(ref);
  const now = deps.clock.now();
  const outcome = deps.store.update(scope, (state) => {
    const svc = activeEcsService(state, service);
    if (!svc) throw ecsServiceMissing(input.ResourceId);
    const key = targetKey(ref);
    const existing = state.scalableTargets[key];
    const tags = input.Tags ?? {};
    if (existing && Object.keys(tags).length > 0) throw tagsOnExistingTarget();
    const { min, max } = boundsOf(existing, input);
    const arn = existing?.scalableTargetArn ?? scalableTargetArn(scope, `${deps.ids.hex32().slice(0, 4)}${deps.ids.hex32()}`);
    if (Object.keys(tags).length > MAX_TAGS) throw tooManyTags(arn);
    const target: ScalableTargetRecord = existing ?? {
      ...ref,
      minCapacity: min,
      maxCapacity: max,
      roleArn: input.RoleARN ?? ecsAutoScalingRoleArn(scope),
      suspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      scalableTargetArn: arn,
      tags: { ...tags },
      createdAt: now,
    };
    target.minCapacity = min;
    target.maxCapacity = max;
    if (input.RoleARN !== undefined) target.roleArn = input.RoleARN;
    for (const [k, v] of Object.entries(input.SuspendedState ?? {})) {
      if (typeof v === 'boolean') target.suspendedState[k as keyof ScalableTargetRecord['suspendedState']] = v;
    }
    state.scalableTargets[key] = target;
    const to = capacityWithin(svc.desiredCount, min, max);
    if (to === svc.desiredCount) return { arn, desiredCount: undefined };
    const activity = boundsActivity(ref, deps.ids.uuid(), now, { from: svc.desiredCount, to, min, max });
    state.scalingActivities[activity.activityId] = activity;
    return { arn, desiredCount: to };
  });
  if (outcome.desiredCount !== undefined) setDesiredCount(ctx, service, outcome.desiredCount);
  return { ScalableTargetARN: outcome.arn };
}
