import type * as Ecs from '@aws-sdk/client-ecs';
import { INCONSISTENT_IDEMPOTENT_REQUEST } from '../domain/cluster.js';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { stableJson } from './support/service-request.js';
import { MAX_TASK_SETS, newTaskSet, taskSetService, tooManyTaskSets } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/**
 * A new ACTIVE task set of an EXTERNAL or CODE_DEPLOY service; the scheduler launches its share of the tasks. A
 * retry with the clientToken of a task set the service still has, and the same parameters, answers that task set.
 */
export function createTaskSet(ctx: ActionContext, input: Ecs.CreateTaskSetRequest): Ecs.CreateTaskSetResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const { clientToken, ...request } = input;
  const fingerprint = stableJson(request);
  const { svc, ts } = deps.store.update(scope, (state) => {
    const { cluster, svc } = taskSetService(state, scope, input);
    const earlier = clientToken !== undefined ? svc.taskSets?.find((t) => t.clientToken === clientToken) : undefined;
    if (earlier) {
      if (earlier.requestFingerprint !== fingerprint) throw invalidParameter(INCONSISTENT_IDEMPOTENT_REQUEST);
      return { svc, ts: earlier };
    }
    const existing = svc.taskSets?.length ?? 0;
    if (existing >= MAX_TASK_SETS) throw tooManyTaskSets(existing);
    const ts = newTaskSet(
      state,
      scope,
      cluster,
      svc,
      { ...input, taskDefinition: input.taskDefinition ?? '' },
      { ids: deps.ids, now, defaultVpcCidr: deps.config.defaultVpcCidr },
    );
    if (clientToken !== undefined) Object.assign(ts, { clientToken, requestFingerprint: fingerprint });
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
