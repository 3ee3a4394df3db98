// The TaskAgent port: what the platform does for a task besides running its containers, as Fargate's agent does:
// issue the task role's credentials, fetch secrets and environment files with the execution role, and name the
// task's endpoints at 169.254.170.2. The engine calls it; src/metadata/ implements it.
import type { Scope } from './scope.js';
import type { TaskDefinitionRecord } from './task-definition.js';
import type { RegistryAuth } from './task-runtime.js';
import type { TaskRecord } from './task.js';

/** Variables a container gets besides its definition's, by precedence. */
export interface InjectedEnvironment {
  /** From `environmentFiles`: below the definition's own environment. */
  files: Record<string, string>;
  /** From `secrets`: over the definition's environment (the platform's own variables still win). */
  secrets: Record<string, string>;
}

export interface TaskAgent {
  /**
   * PENDING, before images are pulled and containers start: fetches what the execution role fetches (secrets,
   * registry credentials, environment files) and issues the task role's credentials. `task.endpoints` is set.
   * Throws TaskStartFailure when the task cannot start.
   */
  prepare(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord): Promise<void>;
  /** A container's injected variables (resolved again when prepare's results are gone, e.g. after a restart). */
  containerEnvironment(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord, containerName: string): Promise<InjectedEnvironment>;
  /** Credentials for pulling a container's image (repositoryCredentials), once prepared. */
  registryAuth(taskId: string, containerName: string): RegistryAuth | undefined;
  /** The task has stopped: its credentials and secrets are forgotten. */
  release(task: TaskRecord): void;
}

/** The task cannot start; `reason` is the stoppedReason ECS reports (e.g. `ResourceInitializationError: ...`). */
export class TaskStartFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
