import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { allMissing } from './support/container-instances.js';

/** Every instance named is a MISSING failure; nothing changes. */
export function updateContainerInstancesState(
  ctx: ActionContext,
  input: Ecs.UpdateContainerInstancesStateRequest,
): Ecs.UpdateContainerInstancesStateResponse {
  return allMissing(ctx, input.cluster, input.containerInstances, 10);
}
