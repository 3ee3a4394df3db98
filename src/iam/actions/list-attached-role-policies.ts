import { getRole } from '../../domain/iam.js';
import { type AwsQueryAction, members } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';

export const listAttachedRolePolicies: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const arns = readIam(ctx, (s) => getRole(s, roleName).attachedPolicies);
  return {
    AttachedPolicies: members(arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }))),
    IsTruncated: false,
  };
};
