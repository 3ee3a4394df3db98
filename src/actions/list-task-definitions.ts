import type * as Ecs from '@aws-sdk/client-ecs';
import { listTaskDefinitionArns } from '../domain/task-definition-listing.js';
import { taskDefinitionKey, type TaskDefinitionState, type TaskDefinitionStatus } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';
import { revisionsOfFamily } from '../store/queries.js';
import type { RegionState } from '../store/schema.js';

/** Only the family's revisions (familyPrefix names one family exactly), from the index. */
const oneFamily = (state: Readonly<RegionState>, family: string): Readonly<TaskDefinitionState> => ({
  taskDefinitions: Object.fromEntries(revisionsOfFamily(state, family).map((d) => [taskDefinitionKey(d.family, d.revision), d])),
  taskDefinitionFamilies: state.taskDefinitionFamilies,
});

export function listTaskDefinitions(ctx: ActionContext, input: Ecs.ListTaskDefinitionsRequest): Ecs.ListTaskDefinitionsResponse {
  const page = ctx.deps.store.read(ctx.scope, (state) =>
    listTaskDefinitionArns(input.familyPrefix ? oneFamily(state, input.familyPrefix) : state, {
      familyPrefix: input.familyPrefix,
      status: input.status as TaskDefinitionStatus | undefined,
      sort: input.sort,
      maxResults: input.maxResults,
      nextToken: input.nextToken,
    }),
  );
  return { taskDefinitionArns: page.items, nextToken: page.nextToken };
}
