// Variables Fargate sets in every task container, on top of the task definition's own.
import type { Scope } from '../domain/scope.js';
import type { TaskRecord } from '../domain/task.js';
import type { EngineContext } from './engine-context.js';

export function platformEnvironment(_ctx: EngineContext, scope: Scope, _task: TaskRecord): Record<string, string> {
  return {
    AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
    AWS_REGION: scope.region,
    AWS_DEFAULT_REGION: scope.region,
  };
}
