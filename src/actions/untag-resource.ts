import type * as Ecs from '@aws-sdk/client-ecs';
import { removeTags } from '../domain/tags.js';
import { taggableArn } from '../store/tagging.js';
import type { ActionContext } from './context.js';

/** Removes tags by key from a resource; keys it does not have are ignored. */
export function untagResource(ctx: ActionContext, input: Ecs.UntagResourceRequest): Ecs.UntagResourceResponse {
  const { scope, deps } = ctx;
  deps.store.update(scope, (state) => {
    const arn = taggableArn(state, scope, input.resourceArn ?? '');
    const remaining = removeTags(state.tags[arn] ?? [], input.tagKeys ?? []);
    if (remaining.length) state.tags[arn] = remaining;
    else delete state.tags[arn];
  });
  return {};
}
