import type * as Ecs from '@aws-sdk/client-ecs';
import { isArn } from '../domain/arn.js';
import { toWireGatewayRouteSummary } from '../domain/gateway-route.js';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { routesOf } from './support/gateway-routes.js';
import { findGateway } from './support/gateways.js';

/** Routes filtered by gateway, cluster, service (a name matches that service in every cluster), port name and status. */
export function listGatewayRoutes(ctx: ActionContext, input: Ecs.ListGatewayRoutesRequest): Ecs.ListGatewayRoutesResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const gatewayArn = input.gateway !== undefined ? findGateway(state, input.gateway).gatewayArn : undefined;
    const clusterArn = input.cluster !== undefined ? resolveCluster(state, scope, input.cluster).clusterArn : undefined;
    const service = input.service;
    const matchesService = (serviceArn: string) =>
      service === undefined || (isArn(service) ? serviceArn === service : serviceArn.endsWith(`/${service}`));
    const routes = routesOf(
      state,
      (r) =>
        (gatewayArn === undefined || r.gatewayArn === gatewayArn) &&
        (clusterArn === undefined || r.clusterArn === clusterArn) &&
        matchesService(r.serviceArn) &&
        (input.serviceContainerPortName === undefined || r.portName === input.serviceContainerPortName) &&
        (!input.status?.length || input.status.includes(r.status)),
    ).sort((a, b) => (a.gatewayRouteArn < b.gatewayRouteArn ? -1 : 1));
    const page = paginate(routes, (r) => r.gatewayRouteArn, input, { defaultSize: 100, max: 100 });
    return { gatewayRoutes: page.items.map(toWireGatewayRouteSummary), nextToken: page.nextToken };
  });
}
