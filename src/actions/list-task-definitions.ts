import type * as Ecs from '@aws-sdk/client-ecs';
import { listTaskDefinitionArns } from '../domain/task-definition-listing.js';
import type { TaskDefinitionStatus } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';

export function listTaskDefinitions(ctx: ActionContext, input: Ecs.ListTaskDefinitionsRequest): Ecs.ListTaskDefinitionsResponse {
  const page = ctx.deps.store.read(ctx.scope, (state) =>
    listTaskDefinitionArns(state, {
      familyPrefix: input.familyPrefix,
      status: input.status as TaskDefinitionStatus | undefined,
      sort: input.sort,
      maxResults: input.maxResults,
      nextToken: input.nextToken,
    }),
  );
  return { taskDefinitionArns: page.items, nextToken: page.nextToken };
}
