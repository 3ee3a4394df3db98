import type * as Ecs from '@aws-sdk/client-ecs';
import { resolveTaskDefinitionRef, TASK_DEFINITION_LOOKUPS } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';
import { toWireTaskDefinition, wireTagsOf } from './wire/task-definition.js';

/** Any status is describable (INACTIVE and DELETE_IN_PROGRESS too); a bare family means its latest ACTIVE revision. */
export function describeTaskDefinition(ctx: ActionContext, input: Ecs.DescribeTaskDefinitionRequest): Ecs.DescribeTaskDefinitionResponse {
  return ctx.deps.store.read(ctx.scope, (state) => {
    const record = resolveTaskDefinitionRef(state, input.taskDefinition ?? '', TASK_DEFINITION_LOOKUPS.describe);
    const response: Ecs.DescribeTaskDefinitionResponse = { taskDefinition: toWireTaskDefinition(record) };
    if (input.include?.includes('TAGS')) response.tags = wireTagsOf(state, record.taskDefinitionArn);
    return response;
  });
}
