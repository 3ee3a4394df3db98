import type { ActionContext } from '../../actions/context.js';
import { targetNotFound } from '../../domain/autoscaling/errors.js';
import { targetKey } from '../../domain/autoscaling/records.js';
import { removeTargets } from '../../domain/autoscaling/scaling.js';
import { type TargetInput, targetRefOf } from '../support/input.js';

/** Deregisters a scalable target and deletes its scaling policies; the resource's capacity stays as it is. */
export function deregisterScalableTarget(ctx: ActionContext, input: TargetInput): Record<string, never> {
  const ref = targetRefOf(input);
  const key = targetKey(ref);
  ctx.deps.store.update(ctx.scope, (state) => {
    if (removeTargets(state, (t) => targetKey(t) === key).length === 0) throw targetNotFound(ref);
  });
  return {};
}
