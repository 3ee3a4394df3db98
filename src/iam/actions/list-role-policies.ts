import { getRole } from '../../domain/iam.js';
import { type AwsQueryAction, members } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';

export const listRolePolicies: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const names = readIam(ctx, (s) => Object.keys(getRole(s, roleName).inlinePolicies));
  return { PolicyNames: members(names), IsTruncated: false };
};
