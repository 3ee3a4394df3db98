// PENDING, between the sandbox and the pull: what the platform prepares for a task (see the TaskAgent port).
import type { Scope } from '../domain/scope.js';
import { newTaskEndpoints } from '../domain/task-endpoints.js';
import type { TaskRecord } from '../domain/task.js';
import { getTask, taskDefinitionOf, updateTask, type EngineContext } from './engine-context.js';
import { failToStart, reasonOf } from './task-launch.js';

const stopping = (t: TaskRecord | undefined) => !t || t.desiredStatus === 'STOPPED';

/**
 * PENDING, before the pull: the task's endpoint ids, then what the execution role fetches (secrets, registry
 * credentials, environment files) and the task role's credentials. A failure stops the task before anything runs.
 */
export async function prepareTask(ctx: EngineContext, scope: Scope, taskId: string): Promise<void> {
  const before = getTask(ctx, scope, taskId);
  if (stopping(before) || !before?.sandbox || before.pullStoppedAt !== undefined) return;
  const task = before.endpoints
    ? before
    : updateTask(ctx, scope, taskId, (t) => {
        t.endpoints ??= newTaskEndpoints(
          t.containers.map((c) => c.name),
          Boolean(t.taskRoleArn),
          ctx.ids,
        );
      });
  if (!task) return;
  const td = taskDefinitionOf(ctx, scope, task);
  if (!td) return failToStart(ctx, scope, taskId, 'ResourceInitializationError: the task definition no longer exists');
  try {
    await ctx.agent?.prepare(scope, task, td);
    ctx.containerLogs?.prepare(scope, task, td);
  } catch (err) {
    failToStart(ctx, scope, taskId, reasonOf(err, 'ResourceInitializationError'));
  }
}
