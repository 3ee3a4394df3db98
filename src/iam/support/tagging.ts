// Tag/Untag/ListTags for roles and policies share one shape.
import { getPolicy, getRole, mergeTags } from '../../domain/iam.js';
import type { AwsQueryAction, AwsQueryContext } from '../../protocol/aws-query.js';
import type { Tag } from '../../domain/tags.js';
import type { IamState } from '../../domain/iam.js';
import { readIam, requiredStr, strList, tagsParam, updateIam } from './state.js';
import { tagsXml } from '../wire/iam.js';

type Holder = (s: IamState, ctx: AwsQueryContext) => { tags: Tag[] };

export const roleHolder: Holder = (s, ctx) => getRole(s, requiredStr(ctx.params, 'RoleName'));
export const policyHolder: Holder = (s, ctx) => getPolicy(s, requiredStr(ctx.params, 'PolicyArn'));

export const tagAction =
  (holder: Holder): AwsQueryAction =>
  (ctx) => {
    const added = tagsParam(ctx.params);
    updateIam(ctx, (s) => {
      const h = holder(s, ctx);
      h.tags = mergeTags(h.tags, added);
    });
    return {};
  };

export const untagAction =
  (holder: Holder): AwsQueryAction =>
  (ctx) => {
    const keys = strList(ctx.params, 'TagKeys');
    updateIam(ctx, (s) => {
      const h = holder(s, ctx);
      h.tags = h.tags.filter((t) => !keys.includes(t.key));
    });
    return {};
  };

export const listTagsAction =
  (holder: Holder): AwsQueryAction =>
  (ctx) => ({ Tags: tagsXml(readIam(ctx, (s) => holder(s, ctx).tags)), IsTruncated: false });
