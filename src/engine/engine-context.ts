// What the engine's parts share, and small helpers to read and change one task in the store.
import type { Config } from '../config.js';
import type { ContainerLogs } from '../domain/container-logs.js';
import type { Clock, Ids } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import { scopeKey } from '../domain/scope.js';
import type { TaskAgent } from '../domain/task-agent.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { TaskIdentity, TaskRuntime } from '../domain/task-runtime.js';
import type { TaskRecord } from '../domain/task.js';
import type { Logger } from '../logger.js';
import type { RegionState } from '../store/schema.js';
import type { Store } from '../store/store.js';

export interface EngineContext {
  config: Config;
  store: Store;
  runtime: TaskRuntime;
  /** Credentials, secrets and endpoints (src/metadata/); without it tasks get neither. */
  agent?: TaskAgent;
  /** Where container output goes besides `docker logs` (the awslogs driver); without it, nowhere. */
  containerLogs?: ContainerLogs;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The task resolver (src/dns/): the addresses tasks resolve through, or undefined when it cannot serve. */
  dns?: { resolvers(): Promise<string[] | undefined> };
  /** Told after each stored change of a task (TaskEngine sets it to feed its observers). */
  taskChanged?: (change: TaskChange) => void;
}

/** A task as just stored, and what it was before (null: it was just created). */
export interface TaskChange {
  scope: Scope;
  task: TaskRecord;
  previous: Pick<TaskRecord, 'lastStatus' | 'desiredStatus' | 'version'> | null;
}

export function getTask(ctx: EngineContext, scope: Scope, taskId: string): TaskRecord | undefined {
  return ctx.store.read(scope, (s) => s.tasks[taskId]);
}

/** Applies `fn` to the task atomically; returns the updated task, or undefined when it is gone. */
export function updateTask(
  ctx: EngineContext,
  scope: Scope,
  taskId: string,
  fn: (task: TaskRecord, state: RegionState) => void,
): TaskRecord | undefined {
  let previous: TaskChange['previous'] = null;
  const updated = ctx.store.update(scope, (state) => {
    const task = state.tasks[taskId];
    if (!task) return undefined;
    previous = { lastStatus: task.lastStatus, desiredStatus: task.desiredStatus, version: task.version };
    fn(task, state);
    return task;
  });
  const before = previous as TaskChange['previous'];
  if (
    updated &&
    before &&
    (before.version !== updated.version || before.lastStatus !== updated.lastStatus || before.desiredStatus !== updated.desiredStatus)
  ) {
    ctx.taskChanged?.({ scope, task: updated, previous: before });
  }
  return updated;
}

export function taskDefinitionOf(ctx: EngineContext, scope: Scope, task: TaskRecord): TaskDefinitionRecord | undefined {
  return ctx.store.read(scope, (s) => s.taskDefinitions[`${task.family}:${task.revision}`]);
}

export function identityOf(scope: Scope, task: TaskRecord): TaskIdentity {
  return {
    taskId: task.taskId,
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    family: task.family,
    revision: task.revision,
    scopeKey: scopeKey(scope),
  };
}
