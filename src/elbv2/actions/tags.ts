// AddTags, RemoveTags and DescribeTags over load balancers, target groups, listeners and rules (by ARN).
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import type { RegionState } from '../../store/schema.js';
import { listenerNotFound, loadBalancerNotFound, ruleNotFound, targetGroupNotFound, validationError } from '../errors.js';
import { mergeTags, tagsOf } from '../support/params.js';
import { readElb, updateElb } from '../support/state.js';
import { tagsXml } from '../wire/xml.js';

function checkExists(s: Readonly<RegionState>, arn: string): void {
  if (arn.includes(':loadbalancer/')) {
    if (!s.loadBalancers[arn]) throw loadBalancerNotFound();
  } else if (arn.includes(':targetgroup/')) {
    if (!s.targetGroups[arn]) throw targetGroupNotFound();
  } else if (arn.includes(':listener-rule/')) {
    if (!s.listenerRules[arn] && !Object.values(s.listeners).some((l) => l.defaultRuleArn === arn)) throw ruleNotFound();
  } else if (arn.includes(':listener/')) {
    if (!s.listeners[arn]) throw listenerNotFound();
  } else throw validationError(`'${arn}' is not a valid resource ARN`);
}

function resourceArns(ctx: Parameters<AwsQueryAction>[0]): string[] {
  const arns = q.strList(ctx.params, 'ResourceArns');
  if (arns.length === 0)
    throw validationError(
      "1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null",
    );
  if (arns.length > 20) throw validationError('You can specify up to 20 resource ARNs');
  return arns;
}

export const addTags: AwsQueryAction = (ctx) => {
  const arns = resourceArns(ctx);
  const tags = tagsOf(ctx.params);
  if (tags.length === 0)
    throw validationError("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  updateElb(ctx, (s) => {
    for (const arn of arns) checkExists(s, arn);
    for (const arn of arns) s.tags[arn] = mergeTags(s.tags[arn] ?? [], tags);
  });
  return {};
};

export const removeTags: AwsQueryAction = (ctx) => {
  const arns = resourceArns(ctx);
  const keys = q.strList(ctx.params, 'TagKeys');
  if (keys.length === 0)
    throw validationError("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  updateElb(ctx, (s) => {
    for (const arn of arns) checkExists(s, arn);
    for (const arn of arns) {
      const left = (s.tags[arn] ?? []).filter((t) => !keys.includes(t.key));
      if (left.length) s.tags[arn] = left;
      else delete s.tags[arn];
    }
  });
  return {};
};

export const describeTags: AwsQueryAction = (ctx) => {
  const arns = resourceArns(ctx);
  const rows = readElb(ctx, (s) =>
    arns.map((arn) => {
      checkExists(s, arn);
      return { ResourceArn: arn, Tags: tagsXml(s.tags[arn] ?? []) };
    }),
  );
  return { TagDescriptions: members(rows) };
};
