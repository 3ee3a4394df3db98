import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';

/** Every cluster of the account and region, deleted (INACTIVE) ones included, as AWS lists them while they last. */
export function listClusters(ctx: ActionContext, input: Ecs.ListClustersRequest): Ecs.ListClustersResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const names = Object.keys(state.clusters).sort();
    const page = paginate(names, (n) => n, input, { defaultSize: 100, max: 100 });
    return { clusterArns: page.items.map((n) => state.clusters[n]!.clusterArn), nextToken: page.nextToken };
  });
}
