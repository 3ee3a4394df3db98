// Draining a service task from its target groups before it is taken down from outside the scheduler (a Spot
// interruption): its targets start draining at once, so the load balancer sends it no new request, with ECS's
// "deregistered" service event. Returns whether anything was deregistered.
import { addServiceEvent, serviceKey } from '../domain/ecs-service.js';
import { gatewayLoadBalancers } from '../domain/gateway-route.js';
import type { Ids } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import { deregisterTaskTargets, elbMessages, serviceLoadBalancers } from '../domain/service-load-balancing.js';
import type { Store } from '../store/store.js';

const SERVICE_GROUP_PREFIX = 'service:';

export function drainTaskTargets(store: Store, ids: Ids, scope: Scope, taskId: string, now: number): boolean {
  return store.update(scope, (state) => {
    const task = state.tasks[taskId];
    if (!task?.group.startsWith(SERVICE_GROUP_PREFIX)) return false;
    const svc = state.services[serviceKey(task.clusterName, task.group.slice(SERVICE_GROUP_PREFIX.length))];
    if (!svc) return false;
    const lbs = [...serviceLoadBalancers(svc.loadBalancers), ...gatewayLoadBalancers(state.gatewayRoutes, svc.serviceArn)];
    const groups = lbs.length ? deregisterTaskTargets(state, lbs, task, now) : [];
    for (const arn of groups)
      addServiceEvent(svc, { id: ids.uuid(), createdAt: now, message: elbMessages.deregistered(svc.serviceName, 1, arn) });
    return groups.length > 0;
  });
}
