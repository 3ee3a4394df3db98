import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';

/** The account's daemons (of one cluster, or using given capacity providers), by ARN. */
export function listDaemons(ctx: ActionContext, input: Ecs.ListDaemonsRequest): Ecs.ListDaemonsResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const clusterArn = input.clusterArn !== undefined ? resolveCluster(state, scope, input.clusterArn).clusterArn : undefined;
    const providers = input.capacityProviderArns ?? [];
    const all = Object.values(state.daemons)
      .filter(
        (d) => (clusterArn === undefined || d.clusterArn === clusterArn) && providers.every((p) => d.capacityProviderArns.includes(p)),
      )
      .sort((a, b) => (a.daemonArn < b.daemonArn ? -1 : 1));
    const page = paginate(all, (d) => d.daemonArn, input, { defaultSize: 100, max: 100 });
    return {
      daemonSummariesList: page.items.map((d) => ({
        daemonArn: d.daemonArn,
        status: d.status,
        createdAt: new Date(d.createdAt),
        updatedAt: new Date(d.updatedAt),
      })),
      nextToken: page.nextToken,
    };
  });
}
