import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { members } from '../../protocol/aws-query.js';
import { readIam, str } from '../support/state.js';
import { roleXml } from '../wire/iam.js';

/** Every role under the path prefix, in one page. */
export const listRoles: AwsQueryAction = (ctx) => {
  const prefix = str(ctx.params, 'PathPrefix') ?? '/';
  const roles = readIam(ctx, (s) => Object.values(s.iamRoles)).filter((r) => r.path.startsWith(prefix));
  return { Roles: members(roles.map((r) => roleXml(ctx.scope, r))), IsTruncated: false };
};
