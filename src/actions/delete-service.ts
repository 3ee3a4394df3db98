import type * as Ecs from '@aws-sdk/client-ecs';
import { ECS_NAMESPACE, ecsResourceId, removeTargets } from '../domain/autoscaling/scaling.js';
import { invalidParameter, serviceNotActive, serviceNotFound } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { removeRoutes, routesOfService } from './support/gateway-routes.js';
import { findService } from './support/service-request.js';
import { resolveCluster } from '../store/clusters.js';
import { tasksOfService, toWireService } from './wire/service.js';

/**
 * Deletes a service: refused while it is scaled above 0 unless `force`; it drains (DRAINING), then goes INACTIVE.
 * Its Application Auto Scaling targets (and their policies) go with it, as on AWS; its gateway routes are removed at once.
 */
export function deleteService(ctx: ActionContext, input: Ecs.DeleteServiceRequest): Ecs.DeleteServiceResponse {
  const { scope, deps } = ctx;
  const outcome = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const found = findService(state, cluster, input.service ?? '');
    if (!found) throw serviceNotFound();
    if (found.status !== 'ACTIVE') throw serviceNotActive();
    if (found.desiredCount > 0 && !input.force) throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
    found.status = 'DRAINING';
    found.desiredCount = 0;
    found.steady = false;
    const resourceId = ecsResourceId(found.clusterName, found.serviceName);
    removeTargets(state, (t) => t.serviceNamespace === ECS_NAMESPACE && t.resourceId === resourceId);
    // Its gateway routes go with it: rules, target groups, and a gateway's load balancer with its last route.
    const routes = routesOfService(state, found.serviceArn);
    removeRoutes(state, routes);
    return { found, routesRemoved: routes.length > 0 };
  });
  const svc = outcome.found;
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  if (outcome.routesRemoved) void deps.loadBalancing?.changed(scope);
  return { service: deps.store.read(scope, (state) => toWireService(svc, tasksOfService(state, svc))) };
}
