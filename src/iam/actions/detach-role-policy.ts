import { getRole, noSuchPolicy } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

export const detachRolePolicy: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const arn = requiredStr(ctx.params, 'PolicyArn');
  updateIam(ctx, (s) => {
    const role = getRole(s, roleName);
    if (!role.attachedPolicies.includes(arn)) throw noSuchPolicy(arn);
    role.attachedPolicies = role.attachedPolicies.filter((a) => a !== arn);
  });
  return {};
};
