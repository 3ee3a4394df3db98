import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { requireTaskSet, taskSetService } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/**
 * Drains a task set (DRAINING): its tasks are deregistered and stopped, then it is gone. One not scaled down to
 * zero is refused unless `force`.
 */
export function deleteTaskSet(ctx: ActionContext, input: Ecs.DeleteTaskSetRequest): Ecs.DeleteTaskSetResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const { svc, ts } = deps.store.update(scope, (state) => {
    const { svc } = taskSetService(state, scope, input);
    const ts = requireTaskSet(svc, input.taskSet);
    if (ts.status === 'DRAINING') return { svc, ts };
    if (ts.scale.value > 0 && !input.force)
      throw invalidParameter(
        'The task set cannot be deleted until it has been scaled down to zero. Use the force parameter to delete it anyway.',
      );
    ts.status = 'DRAINING';
    ts.computedDesiredCount = 0;
    ts.stabilityStatus = 'STABILIZING';
    ts.stabilityStatusAt = now;
    ts.updatedAt = now;
    svc.steady = false;
    return { svc, ts };
  });
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  return { taskSet: deps.store.read(scope, (state) => toWireTaskSet(ts, svc, tasksOfService(state, svc))) };
}
