// TagResource, UntagResource and ListTagsForResource on scalable targets (the only taggable resource), by ARN.
import type { ActionContext } from '../../actions/context.js';
import { resourceNotFound, tooManyTags } from '../../domain/autoscaling/errors.js';
import type { ScalableTargetRecord } from '../../domain/autoscaling/records.js';
import type { RegionState } from '../../store/schema.js';

const MAX_TAGS = 50;

function targetByArn(state: Readonly<RegionState>, arn: string): ScalableTargetRecord {
  const target = Object.values(state.scalableTargets ?? {}).find((t) => t.scalableTargetArn === arn);
  if (!target) throw resourceNotFound(arn);
  return target;
}

export function tagResource(ctx: ActionContext, input: { ResourceARN: string; Tags: Record<string, string> }): Record<string, never> {
  ctx.deps.store.update(ctx.scope, (state) => {
    const target = targetByArn(state, input.ResourceARN) as ScalableTargetRecord;
    const merged = { ...target.tags, ...input.Tags };
    if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags(input.ResourceARN);
    target.tags = merged;
  });
  return {};
}

export function untagResource(ctx: ActionContext, input: { ResourceARN: string; TagKeys: string[] }): Record<string, never> {
  ctx.deps.store.update(ctx.scope, (state) => {
    const target = targetByArn(state, input.ResourceARN) as ScalableTargetRecord;
    for (const key of input.TagKeys) delete target.tags[key];
  });
  return {};
}

export function listTagsForResource(ctx: ActionContext, input: { ResourceARN: string }): { Tags: Record<string, string> } {
  return ctx.deps.store.read(ctx.scope, (state) => ({ Tags: { ...targetByArn(state, input.ResourceARN).tags } }));
}
