import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

export function listGatewayClusterAssociations(
  ctx: ActionContext,
  input: Ecs.ListGatewayClusterAssociationsRequest,
): Ecs.ListGatewayClusterAssociationsResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const gateways = input.gateway !== undefined ? [findGateway(state, input.gateway)] : Object.values(state.gateways);
    const clusterArn = input.cluster !== undefined ? resolveCluster(state, scope, input.cluster).clusterArn : undefined;
    const all = gateways
      .flatMap((g) => Object.entries(g.clusters).map(([arn, status]) => ({ gatewayArn: g.gatewayArn, clusterArn: arn, status })))
      .filter(
        (a) => (clusterArn === undefined || a.clusterArn === clusterArn) && (!input.status?.length || input.status.includes(a.status)),
      )
      .sort((a, b) => (`${a.gatewayArn}|${a.clusterArn}` < `${b.gatewayArn}|${b.clusterArn}` ? -1 : 1));
    const page = paginate(all, (a) => `${a.gatewayArn}|${a.clusterArn}`, input, { defaultSize: 100, max: 100 });
    return { gatewayClusterAssociations: page.items, nextToken: page.nextToken };
  });
}
