import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { allMissing } from './support/container-instances.js';

/** Every instance named is a MISSING failure: a Fargate-only cluster has none. */
export function describeContainerInstances(
  ctx: ActionContext,
  input: Ecs.DescribeContainerInstancesRequest,
): Ecs.DescribeContainerInstancesResponse {
  return allMissing(ctx, input.cluster, input.containerInstances, 100);
}
