import type * as Ecs from '@aws-sdk/client-ecs';
import { listFamilies } from '../domain/task-definition-listing.js';
import { familiesOf } from '../store/queries.js';
import type { ActionContext } from './context.js';

export function listTaskDefinitionFamilies(
  ctx: ActionContext,
  input: Ecs.ListTaskDefinitionFamiliesRequest,
): Ecs.ListTaskDefinitionFamiliesResponse {
  const page = ctx.deps.store.read(ctx.scope, (state) =>
    listFamilies(familiesOf(state), {
      familyPrefix: input.familyPrefix,
      status: input.status,
      maxResults: input.maxResults,
      nextToken: input.nextToken,
    }),
  );
  return { families: page.items, nextToken: page.nextToken };
}
