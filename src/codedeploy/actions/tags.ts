// TagResource, UntagResource and ListTagsForResource on applications, deployment groups and deployment
// configurations, by ARN.
import { arnNotSupported, invalidArn, resourceArnRequired, tagRequired } from '../../domain/codedeploy/errors.js';
import { applicationDoesNotExist, deploymentGroupDoesNotExist } from '../../domain/codedeploy/errors.js';
import { type CodeDeployTag, groupKey } from '../../domain/codedeploy/records.js';
import type { RegionState } from '../../store/schema.js';
import type { CodeDeployAction, CodeDeployContext } from '../context.js';
import { type Body, optString, optStringList } from '../support/input.js';
import { parseCodeDeployArn } from '../support/arns.js';
import { mergeTags, tagsOf } from '../support/tags.js';

function holder(ctx: CodeDeployContext, state: RegionState, arn: string): { tags: CodeDeployTag[] } {
  const parsed = parseCodeDeployArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.region !== ctx.scope.region || parsed.accountId !== ctx.scope.accountId) throw invalidArn(arn);
  if (parsed.kind === 'application') {
    const app = state.codeDeployApplications[parsed.name];
    if (!app) throw applicationDoesNotExist(parsed.name);
    return app;
  }
  if (parsed.kind === 'deploymentgroup') {
    if (!state.codeDeployApplications[parsed.application]) throw applicationDoesNotExist(parsed.application);
    const g = state.codeDeployDeploymentGroups[groupKey(parsed.application, parsed.group)];
    if (!g) throw deploymentGroupDoesNotExist(parsed.group);
    return g;
  }
  throw arnNotSupported(arn);
}

function arnOf(b: Body, member: string): string {
  const arn = optString(b, member);
  if (!arn) throw resourceArnRequired();
  return arn;
}

export const listTagsForResource: CodeDeployAction = (ctx, b) => {
  const arn = arnOf(b, 'ResourceArn');
  return ctx.deps.store.read(ctx.scope, (state) => ({ Tags: holder(ctx, state as RegionState, arn).tags }));
};

export const tagResource: CodeDeployAction = (ctx, b) => {
  const arn = arnOf(b, 'ResourceArn');
  const tags = tagsOf(b, 'Tags');
  if (!tags?.length) throw tagRequired();
  ctx.deps.store.update(ctx.scope, (state) => {
    const h = holder(ctx, state, arn);
    h.tags = mergeTags(h.tags, tags);
  });
  return {};
};

export const untagResource: CodeDeployAction = (ctx, b) => {
  const arn = arnOf(b, 'ResourceArn');
  const keys = optStringList(b, 'TagKeys');
  if (!keys?.length) throw tagRequired();
  ctx.deps.store.update(ctx.scope, (state) => {
    const h = holder(ctx, state, arn);
    h.tags = h.tags.filter((t) => !keys.includes(t.Key));
  });
  return {};
};
