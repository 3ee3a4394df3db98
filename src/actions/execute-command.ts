import type * as Ecs from '@aws-sdk/client-ecs';
import { EcsError, invalidParameter } from '../domain/errors.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findTask } from './support/task-lookup.js';

const NOT_ENABLED =
  'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.';

/**
 * ECS Exec. Without `enableExecuteCommand` on the task (or before it runs) AWS's refusal. With it, there is still no
 * SSM agent or Session Manager endpoint here: the answer says so and names the local way in, `fargate-local exec`.
 */
export function executeCommand(ctx: ActionContext, input: Ecs.ExecuteCommandRequest): Ecs.ExecuteCommandResponse {
  const { scope, deps } = ctx;
  if (input.interactive === false) throw invalidParameter('Interactive is the only mode supported currently.');
  const task = deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    return findTask(state, cluster, input.task!, deps.clock.now(), deps.config.stoppedTaskRetentionMs);
  });
  if (!task) throw invalidParameter('The specified task was not found.');
  if (input.container !== undefined && !task.containers.some((c) => c.name === input.container)) {
    throw invalidParameter(`The container ${input.container} was not found in the task.`);
  }
  if (!task.enableExecuteCommand || task.lastStatus !== 'RUNNING') throw invalidParameter(NOT_ENABLED);
  throw new EcsError(
    'TargetNotConnectedException',
    `The execute command failed because no Session Manager agent runs in fargate-local. Use \`fargate-local exec\` to run a command in task ${task.taskId}.`,
  );
}
