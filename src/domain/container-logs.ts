// The ContainerLogs port: where a task's container output goes besides the engine's own log (`docker logs`), as
// the awslogs driver sends it to CloudWatch Logs on Fargate. The engine calls it; src/engine/awslogs-shipper.ts
// implements it over the log store.
import type { Scope } from './scope.js';
import type { TaskDefinitionRecord } from './task-definition.js';
import type { TaskRecord } from './task.js';

export interface ContainerLogs {
  /** PENDING, before containers start: the log groups and streams exist. Throws TaskStartFailure when not. */
  prepare(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord): void;
  /** A container started, or was found after a restart: its output is shipped from where shipping left off. */
  attach(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord, containerName: string, dockerId: string): void;
  /** Resolves once the output of the task's exited containers is all shipped (before the task reports STOPPED). */
  drain(taskId: string): Promise<void>;
  close(): Promise<void>;
}
