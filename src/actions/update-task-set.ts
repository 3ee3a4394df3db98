import type * as Ecs from '@aws-sdk/client-ecs';
import { computedDesiredCountOf, scaleOf } from '../domain/task-set.js';
import type { ActionContext } from './context.js';
import { requireTaskSet, taskSetService } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/** Changes a task set's scale (the only thing UpdateTaskSet changes); the scheduler follows. */
export function updateTaskSet(ctx: ActionContext, input: Ecs.UpdateTaskSetRequest): Ecs.UpdateTaskSetResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const { svc, ts } = deps.store.update(scope, (state) => {
    const { svc } = taskSetService(state, scope, input);
    const ts = requireTaskSet(svc, input.taskSet);
    const scale = scaleOf(input.scale);
    ts.scale = scale;
    const computed = ts.status === 'DRAINING' ? 0 : computedDesiredCountOf(svc.desiredCount, scale.value);
    if (computed !== ts.computedDesiredCount) {
      ts.computedDesiredCount = computed;
      ts.stabilityStatus = 'STABILIZING';
      ts.stabilityStatusAt = now;
      svc.steady = false;
    }
    ts.updatedAt = now;
    return { svc, ts };
  });
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  return { taskSet: deps.store.read(scope, (state) => toWireTaskSet(ts, svc, tasksOfService(state, svc))) };
}
