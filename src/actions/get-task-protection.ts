import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { belongsToService, MAX_GET_TASKS, protectionFailure, protectionState } from '../domain/task-protection.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { lookUpTasks, toWireFailure, toWireProtectedTask } from './support/task-protection.js';
import { liveTasksInCluster } from '../store/queries.js';

/** Without `tasks`, every running service task of the cluster. */
export function getTaskProtection(ctx: ActionContext, input: Ecs.GetTaskProtectionRequest): Ecs.GetTaskProtectionResponse {
  const { scope, deps } = ctx;
  if ((input.tasks?.length ?? 0) > MAX_GET_TASKS) throw invalidParameter(`tasks can have at most ${MAX_GET_TASKS} items.`);
  const now = deps.clock.now();
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const { tasks, failures } = input.tasks
      ? lookUpTasks(state, cluster, input.tasks, now, deps.config.stoppedTaskRetentionMs)
      : {
          tasks: liveTasksInCluster(state, cluster.clusterArn).filter(belongsToService),
          failures: [],
        };
    const protectedTasks: Ecs.ProtectedTask[] = [];
    for (const task of tasks) {
      const failure = protectionFailure(task);
      if (failure) failures.push(failure);
      else protectedTasks.push(toWireProtectedTask(protectionState(task, now)));
    }
    return { protectedTasks, failures: failures.map(toWireFailure) };
  });
}
