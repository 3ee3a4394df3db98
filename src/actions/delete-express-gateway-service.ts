import type * as Ecs from '@aws-sdk/client-ecs';
import { serviceNotActive } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { deleteService } from './delete-service.js';
import { removeExpressInfrastructure } from './support/express-gateway.js';
import { findExpressService, toWireExpressService } from './support/express-service.js';

/**
 * Deletes the ECS service (its tasks stop) and exactly what the Express service created: its listener rule and
 * target group, the shared load balancer with its listener if no other Express service uses it, and its security
 * groups once no task uses them. The task definition revisions stay registered, as on AWS.
 */
export async function deleteExpressGatewayService(
  ctx: ActionContext,
  input: Ecs.DeleteExpressGatewayServiceRequest,
): Promise<Ecs.DeleteExpressGatewayServiceResponse> {
  const { scope, deps } = ctx;
  const record = deps.store.read(scope, (state) => findExpressService(state, input.serviceArn!));
  if (record.status !== 'ACTIVE') throw serviceNotActive();
  deleteService(ctx, { cluster: record.clusterName, service: record.serviceName, force: true });
  const now = deps.clock.now();
  const answer = deps.store.update(scope, (state) => {
    const r = findExpressService(state, input.serviceArn!);
    r.pendingSecurityGroupIds = removeExpressInfrastructure(state, r);
    r.status = 'DRAINING';
    r.updatedAt = now;
    return { service: toWireExpressService(state, r, true) };
  });
  // The load balancers' data plane follows the new listener, rule and target group before the answer.
  await deps.loadBalancing?.changed(scope);
  return answer;
}
