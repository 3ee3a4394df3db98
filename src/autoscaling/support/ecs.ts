// The ECS side of Application Auto Scaling: the service a scalable target names, and its desired count moved
// through ECS's own UpdateService (so the scheduler starts or stops tasks as for any other update).
import type { ActionContext } from '../../actions/context.js';
import { updateService } from '../../actions/update-service.js';
import type { ServiceRecord } from '../../domain/ecs-service.js';
import type { EcsServiceRef } from '../../domain/autoscaling/scaling.js';
import type { RegionState } from '../../store/schema.js';

/** The ACTIVE ECS service a target names, or undefined. */
export function activeEcsService(state: Readonly<RegionState>, ref: EcsServiceRef): ServiceRecord | undefined {
  const svc = state.services[`${ref.clusterName}/${ref.serviceName}`];
  return svc?.status === 'ACTIVE' ? svc : undefined;
}

export function setDesiredCount(ctx: ActionContext, ref: EcsServiceRef, desiredCount: number): void {
  updateService(ctx, { cluster: ref.clusterName, service: ref.serviceName, desiredCount });
}
