import type * as Ecs from '@aws-sdk/client-ecs';
import { serviceArn } from '../domain/arn.js';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { findService, serviceNameOf } from './support/service-request.js';
import { resolveCluster } from '../store/clusters.js';
import { tasksOfService, toWireService } from './wire/service.js';

const MAX_SERVICES = 10;

export function describeServices(ctx: ActionContext, input: Ecs.DescribeServicesRequest): Ecs.DescribeServicesResponse {
  const { scope, deps } = ctx;
  const refs = input.services ?? [];
  const withTags = (input.include ?? []).includes('TAGS');
  return deps.store.read(scope, (state) => {
    // The cluster is looked up first, as on AWS: a missing one is ClusterNotFoundException even for an empty list.
    const cluster = resolveCluster(state, scope, input.cluster);
    if (refs.length === 0) throw invalidParameter('Services cannot be empty.');
    if (refs.length > MAX_SERVICES) throw invalidParameter(`Services cannot contain more than ${MAX_SERVICES} items.`);
    const services: Ecs.Service[] = [];
    const failures: Ecs.Failure[] = [];
    for (const ref of refs) {
      const svc = findService(state, cluster, ref);
      if (svc) services.push(toWireService(svc, tasksOfService(state, svc), withTags ? (state.tags[svc.serviceArn] ?? []) : undefined));
      else
        failures.push({
          arn: ref.startsWith('arn:') ? ref : serviceArn(scope, cluster.clusterName, serviceNameOf(ref)),
          reason: 'MISSING',
        });
    }
    return { services, failures };
  });
}
