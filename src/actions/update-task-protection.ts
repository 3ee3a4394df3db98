import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { applyProtection, MAX_UPDATE_TASKS, protectionFailure, protectionMinutes } from '../domain/task-protection.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { lookUpTasks, toWireFailure, toWireProtectedTask } from './support/task-protection.js';

export function updateTaskProtection(ctx: ActionContext, input: Ecs.UpdateTaskProtectionRequest): Ecs.UpdateTaskProtectionResponse {
  const { scope, deps } = ctx;
  const refs = input.tasks ?? [];
  if (refs.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (refs.length > MAX_UPDATE_TASKS) throw invalidParameter(`tasks can have at most ${MAX_UPDATE_TASKS} items.`);
  const enabled = input.protectionEnabled === true;
  const minutes = protectionMinutes(enabled, input.expiresInMinutes);
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const { tasks, failures } = lookUpTasks(state, cluster, refs, now, deps.config.stoppedTaskRetentionMs);
    const protectedTasks: Ecs.ProtectedTask[] = [];
    for (const found of tasks) {
      const task = state.tasks[found.taskId]!;
      const failure = protectionFailure(task);
      if (failure) failures.push(failure);
      else protectedTasks.push(toWireProtectedTask(applyProtection(task, enabled, minutes, now)));
    }
    return { protectedTasks, failures: failures.map(toWireFailure) };
  });
}
