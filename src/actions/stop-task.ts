import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { STOPPED_BY_USER } from '../domain/task-lifecycle.js';
import type { ActionContext } from './context.js';
import { resolveCluster } from '../store/clusters.js';
import { findTask } from './support/task-lookup.js';
import { toWireTask } from './wire/task.js';

const MAX_REASON = 255;

export function stopTask(ctx: ActionContext, input: Ecs.StopTaskRequest): Ecs.StopTaskResponse {
  const { scope, deps } = ctx;
  if (input.reason !== undefined && input.reason.length > MAX_REASON) {
    throw invalidParameter(`Reason must be at most ${MAX_REASON} characters.`);
  }
  const task = deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    return findTask(state, cluster, input.task!, deps.clock.now(), deps.config.stoppedTaskRetentionMs);
  });
  if (!task) throw invalidParameter('The referenced task was not found.');
  const reason = input.reason?.trim() ? input.reason : STOPPED_BY_USER;
  const stopped = deps.tasks.stop(scope, task.taskId, 'UserInitiated', reason) ?? task;
  return { task: toWireTask(stopped) };
}
