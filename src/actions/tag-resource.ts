import type * as Ecs from '@aws-sdk/client-ecs';
import { applyTags, validateTags } from '../domain/tags.js';
import { taggableArn } from '../store/tagging.js';
import type { ActionContext } from './context.js';

/** Adds tags to a resource; a key it already has gets the new value. */
export function tagResource(ctx: ActionContext, input: Ecs.TagResourceRequest): Ecs.TagResourceResponse {
  const { scope, deps } = ctx;
  const tags = validateTags(input.tags ?? []);
  deps.store.update(scope, (state) => {
    const arn = taggableArn(state, scope, input.resourceArn ?? '');
    state.tags[arn] = applyTags(state.tags[arn] ?? [], tags);
  });
  return {};
}
