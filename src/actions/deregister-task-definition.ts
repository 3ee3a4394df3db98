import type * as Ecs from '@aws-sdk/client-ecs';
import { deregistered } from '../domain/task-definition-lifecycle.js';
import { resolveTaskDefinitionRef, taskDefinitionKey, TASK_DEFINITION_LOOKUPS } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';
import { toWireTaskDefinition } from './wire/task-definition.js';

/** ACTIVE → INACTIVE. The revision stays describable and its number is never given out again. */
export function deregisterTaskDefinition(
  ctx: ActionContext,
  input: Ecs.DeregisterTaskDefinitionRequest,
): Ecs.DeregisterTaskDefinitionResponse {
  const { scope, deps } = ctx;
  // Read and write run back to back with no await between them, so nothing can change the record in between.
  const current = deps.store.read(scope, (state) =>
    resolveTaskDefinitionRef(state, input.taskDefinition ?? '', TASK_DEFINITION_LOOKUPS.deregister),
  );
  const next = deregistered(current, deps.clock.now());
  if (next !== current) {
    deps.store.update(scope, (state) => {
      state.taskDefinitions[taskDefinitionKey(next.family, next.revision)] = next;
    });
  }
  return { taskDefinition: toWireTaskDefinition(next) };
}
