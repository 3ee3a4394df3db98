import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';

/** A Fargate-only cluster has no container instances: an empty list, once the cluster and paging are checked. */
export function listContainerInstances(ctx: ActionContext, input: Ecs.ListContainerInstancesRequest): Ecs.ListContainerInstancesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    resolveCluster(state, scope, input.cluster);
    const page = paginate([] as string[], (arn) => arn, input, { defaultSize: 100, max: 100 });
    return { containerInstanceArns: page.items, nextToken: page.nextToken };
  });
}
