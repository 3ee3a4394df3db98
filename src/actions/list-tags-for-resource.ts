import type * as Ecs from '@aws-sdk/client-ecs';
import { taggableArn } from '../store/tagging.js';
import type { ActionContext } from './context.js';

/** The tags of a resource, in the order they were first set. */
export function listTagsForResource(ctx: ActionContext, input: Ecs.ListTagsForResourceRequest): Ecs.ListTagsForResourceResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const arn = taggableArn(state, scope, input.resourceArn ?? '');
    return { tags: (state.tags[arn] ?? []).map((t) => ({ key: t.key, value: t.value })) };
  });
}
