import type * as Ecs from '@aws-sdk/client-ecs';
import { clusterArn } from '../domain/arn.js';
import { invalidParameter } from '../domain/errors.js';
import { clusterNameIn, DEFAULT_CLUSTER } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { toWireCluster } from './wire/cluster.js';

const MAX_CLUSTERS = 100;

/**
 * Describes clusters by name or ARN (none given: `default`). Deleted (INACTIVE) clusters are still described;
 * unknown ones are reported in `failures` with reason MISSING. Describing never creates `default`.
 */
export function describeClusters(ctx: ActionContext, input: Ecs.DescribeClustersRequest): Ecs.DescribeClustersResponse {
  const { scope, deps } = ctx;
  const refs = input.clusters?.length ? input.clusters : [DEFAULT_CLUSTER];
  if (refs.length > MAX_CLUSTERS) throw invalidParameter(`clusters can have at most ${MAX_CLUSTERS} items.`);
  const include = input.include ?? [];
  return deps.store.read(scope, (state) => {
    const clusters: Ecs.Cluster[] = [];
    const failures: Ecs.Failure[] = [];
    for (const ref of refs) {
      const name = clusterNameIn(scope, ref);
      const cluster = name === null ? undefined : state.clusters[name];
      if (cluster) clusters.push(toWireCluster(cluster, state, { include }));
      else failures.push({ arn: ref.startsWith('arn:') || name === null ? ref : clusterArn(scope, name), reason: 'MISSING' });
    }
    return { clusters, failures };
  });
}
