import type * as Ecs from '@aws-sdk/client-ecs';
import { planDeletion } from '../domain/task-definition-lifecycle.js';
import { taskDefinitionKey } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';
import { toWireTaskDefinition } from './wire/task-definition.js';

/**
 * INACTIVE revisions become DELETE_IN_PROGRESS; ACTIVE or unknown ones are reported in `failures`.
 * They disappear once nothing uses them (purgeDeletedTaskDefinitions, run by the reconcile loop).
 */
export function deleteTaskDefinitions(ctx: ActionContext, input: Ecs.DeleteTaskDefinitionsRequest): Ecs.DeleteTaskDefinitionsResponse {
  const { scope, deps } = ctx;
  const plan = deps.store.read(scope, (state) => planDeletion(state, input.taskDefinitions ?? [], deps.clock.now()));
  if (plan.deleted.length) {
    deps.store.update(scope, (state) => {
      for (const record of plan.deleted) state.taskDefinitions[taskDefinitionKey(record.family, record.revision)] = record;
    });
  }
  return { taskDefinitions: plan.deleted.map(toWireTaskDefinition), failures: plan.failures };
}
