import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { newTaskSet, taskSetService } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/** A new ACTIVE task set of an EXTERNAL or CODE_DEPLOY service; the scheduler launches its share of the tasks. */
export function createTaskSet(ctx: ActionContext, input: Ecs.CreateTaskSetRequest): Ecs.CreateTaskSetResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const { svc, ts } = deps.store.update(scope, (state) => {
    const { cluster, svc } = taskSetService(state, scope, input);
    const ts = newTaskSet(
      state,
      scope,
      cluster,
      svc,
      { ...input, taskDefinition: input.taskDefinition ?? '' },
      { ids: deps.ids, now, defaultVpcCidr: deps.config.defaultVpcCidr },
    );
    svc.taskSets = [...(svc.taskSets ?? []), ts];
    svc.steady = false;
    if (input.tags?.length) state.tags[ts.taskSetArn] = input.tags.map((t) => ({ key: t.key!, value: t.value ?? '' }));
    return { svc, ts };
  });
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  return {
    taskSet: deps.store.read(scope, (state) => toWireTaskSet(ts, svc, tasksOfService(state, svc), state.tags[ts.taskSetArn])),
  };
}
