import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { resolveTaskDefinitionRef, TASK_DEFINITION_LOOKUPS } from '../domain/task-definition.js';
import { ensureCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { assertAtMost, containerInstanceArnOf } from './support/container-instances.js';

/**
 * StartTask places tasks on the container instances named; a Fargate-only cluster has none, so each one named is a
 * MISSING failure and no task starts. The cluster (`default` is created on first use, as for RunTask) and the task
 * definition are checked first, as AWS does.
 */
export function startTask(ctx: ActionContext, input: Ecs.StartTaskRequest): Ecs.StartTaskResponse {
  const { scope, deps } = ctx;
  const refs = input.containerInstances ?? [];
  if (refs.length === 0) throw invalidParameter('Container instances cannot be empty.');
  assertAtMost(refs, 10, 'containerInstances');
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const cluster = ensureCluster(state, scope, input.cluster, now);
    resolveTaskDefinitionRef(state, input.taskDefinition!, TASK_DEFINITION_LOOKUPS.runTask);
    return {
      tasks: [],
      failures: refs.map((ref) => ({ arn: containerInstanceArnOf(scope, cluster, ref), reason: 'MISSING' })),
    };
  });
}
