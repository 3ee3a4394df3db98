import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { makePrimary, requireTaskSet, taskSetService } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/** Makes a task set the primary one; the previous primary becomes ACTIVE, the service takes its settings. */
export function updateServicePrimaryTaskSet(
  ctx: ActionContext,
  input: Ecs.UpdateServicePrimaryTaskSetRequest,
): Ecs.UpdateServicePrimaryTaskSetResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const { svc, ts } = deps.store.update(scope, (state) => {
    const { svc } = taskSetService(state, scope, input);
    const ts = requireTaskSet(svc, input.primaryTaskSet);
    if (ts.status === 'DRAINING') throw invalidParameter('A task set that is being deleted cannot be made the primary task set.');
    makePrimary(svc, ts, now);
    return { svc, ts };
  });
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  return { taskSet: deps.store.read(scope, (state) => toWireTaskSet(ts, svc, tasksOfService(state, svc))) };
}
