import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { resolveCluster } from '../store/clusters.js';
import { servicesInCluster } from '../store/queries.js';

/** The ARNs of the cluster's ACTIVE and DRAINING services. */
export function listServices(ctx: ActionContext, input: Ecs.ListServicesRequest): Ecs.ListServicesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const arns = servicesInCluster(state, cluster.clusterArn)
      .filter(
        (s) =>
          s.clusterArn === cluster.clusterArn &&
          s.status !== 'INACTIVE' &&
          (!input.launchType || (s.launchType ?? 'FARGATE') === input.launchType) &&
          (!input.schedulingStrategy || input.schedulingStrategy === 'REPLICA'),
      )
      .map((s) => s.serviceArn)
      .sort();
    const page = paginate(arns, (a) => a, input, { defaultSize: 10, max: 100 });
    return { serviceArns: page.items, nextToken: page.nextToken };
  });
}
