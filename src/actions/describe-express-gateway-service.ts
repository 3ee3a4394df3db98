import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { removeUnusedGroups } from './support/express-gateway.js';
import { ecsServiceOf, findExpressService, toWireExpressService } from './support/express-service.js';

/**
 * The Express service as it stands. After a delete it is DRAINING until its ECS service is INACTIVE and the
 * security groups its tasks used are gone (removed here as soon as no task uses them), then INACTIVE.
 */
export function describeExpressGatewayService(
  ctx: ActionContext,
  input: Ecs.DescribeExpressGatewayServiceRequest,
): Ecs.DescribeExpressGatewayServiceResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const record = findExpressService(state, input.serviceArn!);
    if (record.status === 'DRAINING') {
      record.pendingSecurityGroupIds = removeUnusedGroups(state, record.pendingSecurityGroupIds ?? []);
      const svc = ecsServiceOf(state, record);
      if (record.pendingSecurityGroupIds.length === 0 && (!svc || svc.status === 'INACTIVE')) {
        record.status = 'INACTIVE';
        record.updatedAt = now;
      }
    }
    return { service: toWireExpressService(state, record, (input.include ?? []).includes('TAGS')) };
  });
}
