import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { findGateway } from './support/gateways.js';

/** Refused while deletion protection is on or a cluster is still associated. */
export function deleteGateway(ctx: ActionContext, input: Ecs.DeleteGatewayRequest): Ecs.DeleteGatewayResponse {
  const { scope, deps } = ctx;
  return deps.store.update(scope, (state) => {
    const g = findGateway(state, input.gateway!);
    if (g.deletionProtection) throw invalidParameter('The gateway has deletion protection enabled. Disable it with UpdateGateway first.');
    if (Object.values(g.clusters).includes('ACTIVE')) {
      throw invalidParameter('The gateway is associated with clusters. Disassociate them first.');
    }
    delete state.gateways[g.name];
    delete state.tags[g.gatewayArn];
    return { gatewayArn: g.gatewayArn, name: g.name, status: 'DELETED' };
  });
}
